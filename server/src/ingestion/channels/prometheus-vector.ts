/** One series of a Prometheus instant-vector query result. */
export interface PrometheusSample {
  labels: Record<string, string>;
  /** When Prometheus evaluated the query (its sample timestamp), in Unix seconds. */
  timestamp: number;
  /** Sample values are strings in the API ("1", "1.7e9", "NaN"). */
  value: string;
}

export type PrometheusVectorParse =
  | { samples: PrometheusSample[] }
  | { queryError: string }
  | { malformed: string };

/**
 * Reads a Prometheus HTTP API instant-query response (https://prometheus.io/docs/prometheus/latest/querying/api/).
 * `queryError` is Prometheus refusing the query; `malformed` is a body that is not such a response at all.
 */
export function parsePrometheusVector(body: string): PrometheusVectorParse {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { malformed: `not JSON: ${JSON.stringify(body.slice(0, 80))}` };
  }
  if (!isObject(json)) return { malformed: 'not a JSON object' };
  if (json.status === 'error') {
    return { queryError: `${String(json.errorType ?? 'unknown error type')}: ${String(json.error ?? 'no message')}` };
  }
  if (json.status !== 'success') return { malformed: `status is ${JSON.stringify(json.status)}, not "success"` };
  const data = json.data;
  if (!isObject(data)) return { malformed: 'no data object' };
  if (data.resultType !== 'vector') return { malformed: `resultType is ${JSON.stringify(data.resultType)}, not "vector"` };
  if (!Array.isArray(data.result)) return { malformed: 'data.result is not an array' };
  const samples: PrometheusSample[] = [];
  for (const [index, entry] of data.result.entries()) {
    const sample = readSample(entry);
    if (typeof sample === 'string') return { malformed: `data.result[${index}]: ${sample}` };
    samples.push(sample);
  }
  return { samples };
}

function readSample(entry: unknown): PrometheusSample | string {
  if (!isObject(entry) || !isObject(entry.metric)) return 'no metric object';
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(entry.metric)) {
    if (typeof value !== 'string') return `label ${name} is not a string`;
    labels[name] = value;
  }
  const value = entry.value;
  if (!Array.isArray(value) || value.length !== 2) return 'value is not a [timestamp, "value"] pair';
  const [timestamp, sampleValue] = value;
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return 'value timestamp is not a number';
  if (typeof sampleValue !== 'string') return 'sample value is not a string';
  return { labels, timestamp, value: sampleValue };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
