import { interpolate, messages } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('gives every English text a Chinese one with the same placeholders', () => {
    for (const [key, english] of Object.entries(messages.en)) {
      const chinese = messages['zh-CN'][key as keyof typeof messages.en];
      expect({ key, text: chinese.trim().length > 0 }).toEqual({ key, text: true });
      expect({ key, placeholders: placeholders(chinese) }).toEqual({ key, placeholders: placeholders(english) });
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{going} of {capacity} going', { going: 3, capacity: 20 })).toBe('3 of 20 going');
    expect(interpolate('Hello {name}', {})).toBe('Hello {name}');
  });
});
