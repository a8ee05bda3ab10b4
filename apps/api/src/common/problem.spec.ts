import { languageOf } from './problem';

describe('languageOf (the reader language of an API answer)', () => {
  const lang = (header?: string) => languageOf({ headers: header === undefined ? {} : { 'accept-language': header } });

  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['*', 'vi'],
    ['vi', 'vi'],
    ['vi-VN,vi;q=0.9,en;q=0.5', 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['EN-gb', 'en'],
    ['fr-FR,fr;q=0.9', 'vi'],
    ['fr,en;q=0.8', 'en'],
    ['en;q=0.5, vi;q=0.9', 'vi'],
    ['en;q=0', 'vi'],
    ['en,vi', 'en'],
  ])('Accept-Language %p answers in %s', (header, expected) => {
    expect(lang(header)).toBe(expected);
  });
});
