// The done-when case of issue 10 over the sample article (see tests/fixtures/tm-sample.ts).
import * as sample from '../../../fixtures/tm-sample';
import { sampleText } from '../helpers';

export { ENGLISH, UNRELATED, type Variant } from '../../../fixtures/tm-sample';

export const paragraphs = (): string[] => sample.paragraphsOf(sampleText());
export const fourParagraphTmx = (): Uint8Array => sample.fourParagraphTmx(sampleText());
export const variants = (): sample.Variant[] => sample.variants(sampleText());
