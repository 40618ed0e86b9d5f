import { AppConfig } from '../../../config/app-config';
import { loadConfig } from '../../../config/load-config';
import { classifySmtpFailure, describeSmtpFailure, digestUnavailableReason, smtpSettings } from './smtp-mailer';

const config = (env: Record<string, string>) => new AppConfig(loadConfig({ NODE_ENV: 'test', ...env }));
const SMTP = { SMTP_URL: 'smtp://digest@mail.example.org:587', SMTP_PASSWORD: 'hunter2-smtp', NIXSEC_EMAIL_FROM: 'nixsec <nixsec@example.org>' };

describe('SMTP configuration', () => {
  it('is off without SMTP_URL, or with NIXSEC_DIGEST_CRON=off', () => {
    expect(smtpSettings(config({}))).toBeNull();
    expect(digestUnavailableReason(config({}))).toMatch(/no SMTP_URL is configured/);
    expect(digestUnavailableReason(config({ ...SMTP, NIXSEC_DIGEST_CRON: 'off' }))).toMatch(/NIXSEC_DIGEST_CRON=off/);
    expect(digestUnavailableReason(config(SMTP))).toBeNull();
  });

  it('reads host, port, TLS mode, user and the password', () => {
    expect(smtpSettings(config(SMTP))).toEqual({ host: 'mail.example.org', port: 587, secure: false, user: 'digest', password: 'hunter2-smtp', from: 'nixsec <nixsec@example.org>' });
    expect(smtpSettings(config({ SMTP_URL: 'smtps://relay.example.org', NIXSEC_EMAIL_FROM: 'n@example.org' }))).toMatchObject({ port: 465, secure: true, user: null, password: null });
  });

  it.each<[Record<string, string>, RegExp]>([
    [{ ...SMTP, SMTP_URL: 'smtp://digest:hunter2@mail.example.org' }, /^Invalid configuration: SMTP_URL=<secret>: put the password in SMTP_PASSWORD/],
    [{ SMTP_URL: SMTP.SMTP_URL, SMTP_PASSWORD: 'x' }, /SMTP_URL=<secret>: e-mail also needs NIXSEC_EMAIL_FROM/],
    [{ SMTP_URL: SMTP.SMTP_URL, NIXSEC_EMAIL_FROM: 'n@example.org' }, /names the user digest: set SMTP_PASSWORD_FILE/],
    [{ SMTP_PASSWORD: 'x' }, /SMTP_PASSWORD=<secret>: set SMTP_URL too/],
    [{ SMTP_URL: 'http://mail.example.org' }, /SMTP_URL=<secret>: expected smtp:\/\//],
    [{ ...SMTP, NIXSEC_EMAIL_FROM: 'nixsec' }, /NIXSEC_EMAIL_FROM="nixsec": expected an address/],
  ])('refuses %j', (env, message) => expect(() => loadConfig(env)).toThrow(message));
});

describe('classifySmtpFailure', () => {
  const err = (props: Record<string, unknown>) => Object.assign(new Error('x'), props);
  it.each<[string, Record<string, unknown>, 'failed' | 'uncertain']>([
    ['connection refused', { code: 'ESOCKET', syscall: 'connect', command: 'CONN' }, 'failed'],
    ['a refusal with a reply code', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'failed'],
    ['login refused', { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, 'failed'],
    ['message refused after DATA', { code: 'EMESSAGE', responseCode: 554, command: 'DATA' }, 'failed'],
    ['connection lost mid-conversation', { code: 'ECONNECTION', command: 'CONN' }, 'uncertain'],
    ['timeout waiting for the reply', { code: 'ETIMEDOUT', command: 'CONN' }, 'uncertain'],
  ])('%s → %s', (_name, props, expected) => expect(classifySmtpFailure(err(props))).toBe(expected));

  it('never repeats the password', () => {
    expect(describeSmtpFailure(err({ code: 'EAUTH', message: 'Invalid login: 535 hunter2-smtp rejected' }), 'hunter2-smtp')).toBe('EAUTH: Invalid login: 535 [redacted] rejected');
  });
});
