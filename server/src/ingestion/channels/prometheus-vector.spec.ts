import { parsePrometheusVector } from './prometheus-vector';

const vectorOf = (result: unknown) => JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });

describe('parsePrometheusVector', () => {
  it('reads the series of an instant vector', () => {
    const body = vectorOf([{ metric: { __name__: 'up', job: 'node' }, value: [1732406600.5, '1'] }]);
    expect(parsePrometheusVector(body)).toEqual({
      samples: [{ labels: { __name__: 'up', job: 'node' }, timestamp: 1732406600.5, value: '1' }],
    });
    expect(parsePrometheusVector(vectorOf([]))).toEqual({ samples: [] });
  });

  it('passes on the reason Prometheus gives for refusing a query', () => {
    const body = JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error' });
    expect(parsePrometheusVector(body)).toEqual({ queryError: 'bad_data: parse error' });
  });

  it.each([
    ['', 'not JSON: ""'],
    ['[]', 'not a JSON object'],
    ['{"status":"ok"}', 'status is "ok", not "success"'],
    ['{"status":"success"}', 'no data object'],
    ['{"status":"success","data":{"resultType":"scalar","result":[1,"2"]}}', 'resultType is "scalar", not "vector"'],
    ['{"status":"success","data":{"resultType":"vector","result":{}}}', 'data.result is not an array'],
    [vectorOf([{ value: [1, '1'] }]), 'data.result[0]: no metric object'],
    [vectorOf([{ metric: { channel: 1 }, value: [1, '1'] }]), 'data.result[0]: label channel is not a string'],
    [vectorOf([{ metric: {}, values: [[1, '1']] }]), 'data.result[0]: value is not a [timestamp, "value"] pair'],
    [vectorOf([{ metric: {}, value: ['1', '1'] }]), 'data.result[0]: value timestamp is not a number'],
    [vectorOf([{ metric: {}, value: [1, 1] }]), 'data.result[0]: sample value is not a string'],
  ])('calls %j malformed', (body, malformed) => {
    expect(parsePrometheusVector(body)).toEqual({ malformed });
  });
});
