// The done-when case of issue 10: a TMX made from four translated paragraphs of the sample article,
// and a document of variants of them (diacritised, other hamza forms, changed numbers, attached clitics).
import { sampleText } from '../helpers';

export const paragraphs = (): string[] =>
  sampleText()
    .split('\n')
    .filter((l) => l.trim() !== '');

/** Paragraph index (0-based) → its English. */
export const ENGLISH: Record<number, string> = {
  0: 'Russian Foreign Ministry spokeswoman Maria Zakharova said her country is not an aggressor and that the peacekeeping forces put an end to the bloodshed in Kazakhstan.',
  3: 'In a related context, Kazakh President Kassym-Jomart Tokayev announced earlier today the successful end of the peacekeeping mission, and that its withdrawal from his country would begin within two days.',
  6: 'The peacekeeping forces included units of the armed forces of Russia, Belarus, Armenia, Tajikistan and Kyrgyzstan.',
  9: 'On 9 and 10 January 2022, Russia and the United States held consultations in Geneva on Moscow’s proposals on security guarantees, after which a meeting of the Russia–NATO Council will be held in Brussels, and further consultations within the OSCE in Vienna.',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A TMX 1.4 file as another tool would write it (OmegaT-like header, `lang` on tuv). */
export function fourParagraphTmx(): Uint8Array {
  const src = paragraphs();
  const tus = Object.entries(ENGLISH)
    .map(
      ([i, en]) => `    <tu creationid="translator" creationdate="20250105T101500Z">
      <tuv xml:lang="ar"><seg>${esc(src[Number(i)]!)}</seg></tuv>
      <tuv xml:lang="en-US"><seg>${esc(en)}</seg></tuv>
    </tu>`,
    )
    .join('\n');
  return new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="OmegaT" creationtoolversion="3.6" segtype="paragraph" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="ar" datatype="plaintext"/>
  <body>
${tus}
  </body>
</tmx>
`);
}

export interface Variant {
  name: string;
  text: string;
  /** Which TMX paragraph it varies. */
  of: number;
}

export function variants(): Variant[] {
  const p = paragraphs();
  return [
    {
      name: 'diacritised',
      of: 0,
      text: p[0]!.replace('قالت المتحدثة باسم وزارة الخارجية', 'قَالَتِ المُتَحَدِّثَةُ بِاسْمِ وِزَارَةِ الخَارِجِيَّةِ'),
    },
    {
      name: 'hamza forms and tatweel',
      of: 3,
      text: p[3]!.replace('أعلن', 'اعلن').replace('وأن', 'وان').replace('الرئيس', 'الرئيـــس'),
    },
    { name: 'changed numbers', of: 9, text: p[9]!.replace('9 و10 يناير 2022', '١٦ و١٧ يناير ٢٠٢٣') },
    {
      name: 'attached clitics',
      of: 6,
      text: p[6]!.replace('وضمت', 'ضمت').replace('قوات حفظ', 'بقوات حفظ').replace('وحدات', 'الوحدات'),
    },
  ];
}

export const UNRELATED = 'يتوقع خبراء الأرصاد الجوية هطول أمطار غزيرة على المناطق الساحلية خلال عطلة نهاية الأسبوع.';
