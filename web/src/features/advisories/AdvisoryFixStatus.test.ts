import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { AdvisoryFixFieldsFragment } from '../../gql/graphql';
import AdvisoryFixStatus from './AdvisoryFixStatus.vue';

type Props = { fixStatus: AdvisoryFixFieldsFragment['fixStatus']; fixes: AdvisoryFixFieldsFragment['fixes'] };

function mountStatus(props: Props) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:path(.*)*', component: { render: () => null } }] });
  return mount(AdvisoryFixStatus, { props, global: { plugins: [router] } });
}

const links = (element: { findAll(selector: 'a'): { text(): string; attributes(name: string): string | undefined }[] }) =>
  element.findAll('a').map((a) => [a.text(), a.attributes('href')]);

describe('AdvisoryFixStatus', () => {
  it('says so when there is no channel and no landed pull request', () => {
    const wrapper = mountStatus({ fixStatus: [], fixes: [] });
    expect(wrapper.text()).toContain('No channel.');
    expect(wrapper.find('ul').exists()).toBe(false);
    expect(wrapper.get('h3').text()).toBe('Fixing pull requests');
    expect(wrapper.text()).toContain('No linked pull request has landed on a tracked branch yet.');
  });

  it('shows each channel state with its evidence and links to the pull requests', () => {
    const wrapper = mountStatus({
      fixStatus: [
        { channel: 'nixos-unstable', state: 'fixed', pr: 345678, since: '2024-10-16T14:03:12Z', evidence: 'pull-request' },
        { channel: 'nixos-24.05', state: 'fixed', evidence: 'evaluation', evaluation: 1809321, attr: 'openssl', version: '3.0.15', since: '2024-10-17T09:00:00Z' },
        { channel: 'nixos-24.11', state: 'fix-pending', pr: 345999, via: 'staging-next', since: '2024-10-18T10:30:00Z' },
        { channel: 'nixos-23.11', state: 'not-fixed' },
      ],
      fixes: [],
    });
    const list = wrapper.get('[aria-label="Fix status per channel"]');
    const items = list.findAll('li');
    expect(items).toHaveLength(4);

    const [viaPr, viaEvaluation, pending, notFixed] = items as [typeof items[0], typeof items[0], typeof items[0], typeof items[0]];
    expect(viaPr.text()).toContain('nixos-unstable');
    expect(viaPr.get('.badge').text()).toBe('Fix status: Fixed');
    expect(viaPr.get('.fix-status__detail').text()).toBe('via #345678 since 2024-10-16 14:03 UTC');
    expect(links(viaPr)).toEqual([['#345678', '/pr/345678']]);
    expect(viaPr.get('time').attributes('datetime')).toBe('2024-10-16T14:03:12Z');

    expect(viaEvaluation.get('.badge').text()).toBe('Fix status: Fixed');
    expect(viaEvaluation.get('.fix-status__detail').text().replace(/\s+/g, ' ')).toBe(
      'its latest evaluation (1809321) ships openssl 3.0.15, which no CVE of this advisory affects (since 2024-10-17 09:00 UTC)',
    );
    expect(links(viaEvaluation)).toEqual([]);

    expect(pending.get('.badge').text()).toBe('Fix status: Fix pending');
    expect(pending.get('.fix-status__detail').text().replace(/\s+/g, ' ')).toBe('#345999 is on staging-next since 2024-10-18 10:30 UTC, on its way here');
    expect(links(pending)).toEqual([['#345999', '/pr/345999']]);

    expect(notFixed.get('.badge').text()).toBe('Fix status: Not fixed');
    expect(notFixed.find('.fix-status__detail').exists()).toBe(false);
  });

  it('groups the landings by pull request, in the order first seen', () => {
    const wrapper = mountStatus({
      fixStatus: [{ channel: 'nixos-unstable', state: 'not-fixed' }],
      fixes: [
        { pr: 2, branch: 'staging', firstSeen: '2024-10-01T08:00:00Z' },
        { pr: 1, branch: 'master', firstSeen: '2024-10-02T08:00:00Z' },
        { pr: 2, branch: 'master', firstSeen: '2024-10-03T08:00:00Z' },
      ],
    });
    const prs = wrapper.get('[aria-labelledby="advisory-fix-prs"]').findAll('li');
    expect(prs.map((li) => li.text().replace(/\s+/g, ' '))).toEqual([
      '#2 reached staging (2024-10-01 08:00 UTC), master (2024-10-03 08:00 UTC)',
      '#1 reached master (2024-10-02 08:00 UTC)',
    ]);
    expect(prs.map((li) => links(li))).toEqual([[['#2', '/pr/2']], [['#1', '/pr/1']]]);
    expect(wrapper.text()).not.toContain('No linked pull request');
  });
});
