import { describe, expect, it } from 'vitest';
import {
  type Cmcd,
  MAX_PAYLOAD,
  parseCmcdFromUrl,
  parseCmcdHeaders,
  parseCmcdPayload,
} from '../../../utils/analysis/cmcd';

/** Every key once, in the shape of the CTA-5004 examples. */
const FULL: Cmcd = {
  bl: 21300,
  br: 3200,
  bs: true,
  cid: 'faec5fc2-ac30-11eabb37-0242ac130002',
  d: 4004,
  dl: 18500,
  mtp: 48100,
  nor: '..%2F300kbps%2Ftrack.m4v',
  nrr: '12323-48763',
  ot: 'v',
  pr: 1.08,
  rtp: 12000,
  sf: 'd',
  sid: '6e2fb550-c457-11e9-bb97-0800200c9a66',
  st: 'v',
  su: true,
  tb: 6000,
  v: 1,
};
const PAYLOAD =
  'bl=21300,br=3200,bs,cid="faec5fc2-ac30-11eabb37-0242ac130002",d=4004,dl=18500,mtp=48100,' +
  'nor="..%2F300kbps%2Ftrack.m4v",nrr="12323-48763",ot=v,pr=1.08,rtp=12000,sf=d,' +
  'sid="6e2fb550-c457-11e9-bb97-0800200c9a66",st=v,su,tb=6000,v=1';

describe('CMCD query parameter', () => {
  it('reads every key from a URL-encoded CMCD parameter', () => {
    const url = `https://cdn.example/video/seg-42.m4s?token=abc&CMCD=${encodeURIComponent(PAYLOAD)}#frag`;
    expect(parseCmcdFromUrl(url)).toEqual(FULL);
  });

  it('works on relative URLs and says null when there is no CMCD', () => {
    expect(parseCmcdFromUrl(`seg.m4s?CMCD=${encodeURIComponent('br=800,ot=a')}`)).toEqual({
      br: 800,
      ot: 'a',
    });
    expect(parseCmcdFromUrl('https://cdn.example/seg.m4s?cmcd=br%3D800')).toBeNull();
    expect(parseCmcdFromUrl('https://cdn.example/seg.m4s')).toBeNull();
    expect(parseCmcdFromUrl('https://cdn.example/seg.m4s?CMCD=')).toEqual({});
  });

  it('keeps commas and escaped quotes inside strings', () => {
    expect(parseCmcdPayload('cid="a\\"b,c",br=5')).toEqual({ cid: 'a"b,c', br: 5 });
  });
});

describe('CMCD headers', () => {
  it('merges the four headers, matching names in any case', () => {
    const headers = {
      'CMCD-Request': 'bl=21300,dl=18500,mtp=48100,nor="..%2F300kbps%2Ftrack.m4v",nrr="12323-48763",su',
      'cmcd-object': 'br=3200,d=4004,ot=v,tb=6000',
      'Cmcd-Status': 'bs,rtp=12000',
      'CMCD-SESSION':
        'cid="faec5fc2-ac30-11eabb37-0242ac130002",pr=1.08,sf=d,sid="6e2fb550-c457-11e9-bb97-0800200c9a66",st=v,v=1',
      'Content-Type': 'video/mp4',
    };
    expect(parseCmcdHeaders(headers)).toEqual(FULL);
    expect(parseCmcdHeaders(new Map(Object.entries(headers)))).toEqual(FULL);
  });

  it('is null without CMCD headers', () => {
    expect(parseCmcdHeaders({ 'content-type': 'video/mp4' })).toBeNull();
    expect(parseCmcdHeaders([])).toBeNull();
  });
});

describe('CMCD garbage', () => {
  it('drops values of the wrong type or out of range, keeps the good ones', () => {
    const parsed = parseCmcdPayload(
      'br=abc,bl=-5,mtp=1.5,tb=99999999999,d=1e3,ot=zz,sf=x,st=live,pr=fast,rtp=12,nrr="a-b",v=2',
    );
    expect(parsed).toEqual({ rtp: 12, v: 2 });
  });

  it('survives broken quoting, empty keys and repeated commas', () => {
    expect(parseCmcdPayload('br=100,,=7, ,cid="never closed')).toEqual({ br: 100 });
    expect(parseCmcdPayload('bs,==,=,su=?0')).toEqual({ bs: true, su: false });
    // An unclosed quote swallows the rest: better to lose keys than to read them from inside a string.
    expect(parseCmcdPayload('br=1,cid="x,tb=5')).toEqual({ br: 1 });
  });

  it('caps lengths and refuses control characters', () => {
    expect(parseCmcdPayload(`sid="${'x'.repeat(64)}"`).sid).toHaveLength(64);
    expect(parseCmcdPayload(`sid="${'x'.repeat(65)}"`)).toEqual({});
    expect(parseCmcdPayload('cid="a\u0000b"')).toEqual({});
    const huge = `br=1,${'x'.repeat(MAX_PAYLOAD)},tb=2`;
    expect(parseCmcdPayload(huge)).toEqual({ br: 1 });
  });

  it('never pollutes prototypes and ignores unknown or custom keys', () => {
    const parsed = parseCmcdPayload('__proto__=1,constructor=2,toString,com.example-key=5,br=10');
    expect(parsed).toEqual({ br: 10 });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('never throws on non-strings, malformed escapes or hostile header objects', () => {
    expect(parseCmcdPayload(42)).toEqual({});
    expect(parseCmcdPayload(undefined)).toEqual({});
    expect(parseCmcdFromUrl(null)).toBeNull();
    expect(parseCmcdFromUrl('x?CMCD=br%3D100%ZZ%')).toEqual({});
    const hostile = {
      *[Symbol.iterator](): Generator<[string, string]> {
        yield ['CMCD-Object', 'br=700'];
        throw new Error('boom');
      },
    };
    expect(parseCmcdHeaders(hostile)).toEqual({ br: 700 });
  });
});
