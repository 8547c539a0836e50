import { classifySendError, describeSendError, retryDelayMs } from './delivery-policy';

describe('classifySendError', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550 }, 'permanent'],
    [{ code: 'EMESSAGE', responseCode: 554 }, 'permanent'],
    [{ code: 'EENVELOPE', responseCode: 452 }, 'transient'],
    [{ code: 'EMESSAGE', responseCode: 421 }, 'transient'],
    [{ code: 'ECONNECTION' }, 'transient'],
    [{ code: 'ETIMEDOUT' }, 'transient'],
    [{ code: 'ECONNREFUSED' }, 'transient'],
    [{ code: 'EAUTH', responseCode: 535 }, 'transient'],
    [{ code: 'EENVELOPE' }, 'permanent'],
    [new Error('boom'), 'transient'],
    [undefined, 'transient'],
  ])('%p is %s', (error, expected) => {
    expect(classifySendError(error)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base, with the jitter centred on it', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(3, 1000, () => 0)).toBe(2000);
    expect(retryDelayMs(3, 1000, () => 0.999999)).toBe(6000);
  });

  it('never waits more than 9 h (6 h with the largest jitter)', () => {
    expect(retryDelayMs(40, 30_000, () => 0.5)).toBe(6 * 3600 * 1000);
    expect(retryDelayMs(40, 30_000, () => 0.999999)).toBeLessThanOrEqual(9 * 3600 * 1000);
  });
});

describe('describeSendError', () => {
  it('keeps the code and reply, drops addresses, stays on one bounded line', () => {
    const error = Object.assign(new Error('Can\'t send mail - all recipients were rejected: 550 5.1.1 <ada@example.org>:\n Recipient address rejected'), {
      code: 'EENVELOPE',
      responseCode: 550,
    });
    expect(describeSendError(error)).toBe(
      "EENVELOPE 550: Can't send mail - all recipients were rejected: 550 5.1.1 <[address]>: Recipient address rejected",
    );
    expect(describeSendError(new Error('x'.repeat(2000)))).toHaveLength(500);
  });
});
