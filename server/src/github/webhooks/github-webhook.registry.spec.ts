import { GithubWebhookRegistry } from './github-webhook.registry';
import { GithubEventName } from './github-webhook.types';

describe('GithubWebhookRegistry', () => {
  it('keeps handlers per event in registration order, named', () => {
    const registry = new GithubWebhookRegistry();
    function trackPullRequest() {}
    registry.onEvent('pull_request', trackPullRequest);
    registry.onEvent('pull_request', () => undefined, 'pr-landings');
    registry.onEvent('membership', () => undefined);

    expect(registry.handlersFor('pull_request').map((r) => r.name)).toEqual(['trackPullRequest', 'pr-landings']);
    expect(registry.handlersFor('membership').map((r) => r.name)).toEqual(['membership handler 1']);
    expect(registry.handlersFor('push')).toEqual([]);
    expect(registry.handlersFor('ping')).toEqual([]);
  });

  it('refuses events that are not dispatched', () => {
    expect(() => new GithubWebhookRegistry().onEvent('star' as GithubEventName, () => undefined)).toThrow(
      'GitHub event "star" is not dispatched: add it to DISPATCHED_EVENTS',
    );
  });
});
