import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { checkActivity } from '../../../bot/endpoint';
import { isAllowedServiceUrl } from '../../../bot/service-url';
import { AttuneError } from '../../../src/domain/errors';

const teamsHosts = ['smba.trafficmanager.net'];

describe('bot endpoint checks', () => {
  describe('isAllowedServiceUrl', () => {
    it('allows an https URL whose host is exactly on the list', () => {
      assert.equal(isAllowedServiceUrl('https://smba.trafficmanager.net/emea/', teamsHosts), true);
    });

    for (const url of [
      'https://smba.trafficmanager.net.attacker.example/',
      'https://attacker.example/smba.trafficmanager.net/',
      'https://evil@attacker.example/',
      'http://smba.trafficmanager.net/',
      'ftp://smba.trafficmanager.net/',
      'not a url',
      '',
    ]) {
      it(`refuses ${JSON.stringify(url)}`, () => {
        assert.equal(isAllowedServiceUrl(url, teamsHosts), false);
      });
    }

    it('compares hosts without regard to case', () => {
      assert.equal(isAllowedServiceUrl('https://SMBA.trafficmanager.net/x', teamsHosts), true);
    });

    it('allows plain http only for loopback hosts that are on the list', () => {
      assert.equal(isAllowedServiceUrl('http://127.0.0.1:5000/', ['127.0.0.1']), true);
      assert.equal(isAllowedServiceUrl('http://127.0.0.1:5000/', teamsHosts), false);
    });

    it('refuses a missing serviceUrl', () => {
      assert.equal(isAllowedServiceUrl(undefined, teamsHosts), false);
    });
  });

  describe('checkActivity', () => {
    const ok = { type: 'message', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', channelData: { tenant: { id: 't1' } } };
    const options = { allowedTenants: ['t1'], allowedServiceUrlHosts: teamsHosts };

    it('passes an activity from an allowed tenant with an allowed serviceUrl', () => {
      assert.doesNotThrow(() => checkActivity(ok, options));
    });

    it('refuses another tenant, and an activity with no tenant', () => {
      assert.throws(() => checkActivity({ ...ok, channelData: { tenant: { id: 't2' } } }, options), (e) => e instanceof AttuneError && e.code === 'forbidden');
      assert.throws(() => checkActivity({ ...ok, channelData: {} }, options), (e) => e instanceof AttuneError && e.code === 'forbidden');
    });

    it('refuses any channel but Teams', () => {
      for (const channelId of ['', 'emulator', 'webchat', undefined]) {
        assert.throws(() => checkActivity({ ...ok, channelId }, options), (e) => e instanceof AttuneError && e.code === 'forbidden', String(channelId));
      }
    });

    it('refuses a body that is not an activity', () => {
      assert.throws(() => checkActivity(undefined, options), (e) => e instanceof AttuneError && e.code === 'invalid_input');
      assert.throws(() => checkActivity({ serviceUrl: ok.serviceUrl }, options), (e) => e instanceof AttuneError && e.code === 'invalid_input');
    });
  });
});
