// Which importer a file needs, decided by its content; the extension only settles what the content
// leaves open (a .csv whose header we do not recognise is still offered to the CSV reader).
import type { ImportFormat } from '../shared/domain';
import { looksLikeCsvHeader } from './csv';
import { guessBomlessUtf16 } from './txt';

const SNIFF_BYTES = 64 * 1024;

export function detectFormat(bytes: Uint8Array, fileName: string): ImportFormat | null {
  const ext = extensionOf(fileName);
  if (isZip(bytes)) return zipHasWordDocument(bytes) ? 'docx' : null;
  const head = decodeHead(bytes);
  // NUL bytes: UTF-16 text without a BOM (plain text or markup), or nothing we read.
  if (head === null) return guessBomlessUtf16(bytes) ? 'txt' : null;
  const trimmed = head.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('<')) {
    const xml = xmlFormat(trimmed);
    if (xml) return xml;
    if (isHtml(trimmed, ext)) return 'html';
    // Markup we do not read (HTML, other XML) is not plain text to translate line by line.
    if (/^<(\?xml|!DOCTYPE|[A-Za-z_])/i.test(trimmed) && ext !== 'txt') return null;
  }
  const firstLine = trimmed.split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (looksLikeCsvHeader(firstLine)) return 'csv';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  return 'txt';
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function isZip(b: Uint8Array): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** Zip entry names are stored uncompressed, so a Word package shows "word/" in its bytes. */
function zipHasWordDocument(b: Uint8Array): boolean {
  return indexOfAscii(b, 'word/') >= 0;
}

function indexOfAscii(b: Uint8Array, needle: string): number {
  const n = needle.length;
  outer: for (let i = 0; i + n <= b.length; i++) {
    for (let k = 0; k < n; k++) if (b[i + k] !== needle.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

/** The first part of the file as text, or null when it is binary. */
function decodeHead(bytes: Uint8Array): string | null {
  const b = bytes.subarray(0, SNIFF_BYTES);
  let label = 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) label = 'utf-16le';
  else if (b[0] === 0xfe && b[1] === 0xff) label = 'utf-16be';
  else if (b[0] === 0x3c && b[1] === 0x00) label = 'utf-16le';
  else if (b[0] === 0x00 && b[1] === 0x3c) label = 'utf-16be';
  else if (b.includes(0)) return null;
  // Not fatal: the cut may split a character, and legacy code pages are the text reader's business.
  const text = new TextDecoder(label).decode(b);
  return text.includes('\u0000') ? null : text;
}

/** The root element decides: <xliff version="1.2|2.0"> or <tmx>. */
function xmlFormat(text: string): ImportFormat | null {
  const m = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)([^>]*)>?/.exec(skipProlog(text));
  if (!m) return null;
  const local = m[2]!.toLowerCase();
  const attrs = m[3] ?? '';
  if (local === 'tmx') return 'tmx';
  if (local !== 'xliff') return null;
  const version = /\sversion\s*=\s*["']([^"']*)["']/.exec(attrs)?.[1];
  if (version?.startsWith('2')) return 'xliff20';
  if (version?.startsWith('1')) return 'xliff12';
  return attrs.includes('urn:oasis:names:tc:xliff:document:2') ? 'xliff20' : 'xliff12';
}

const HTML_ROOTS = new Set(['html', 'head', 'body']);

/** A web page: its root element (past the doctype) is html, head or body, or an .html file starts with a tag. */
function isHtml(text: string, ext: string): boolean {
  const named = ext === 'html' || ext === 'htm' || ext === 'xhtml';
  // XML that is not XLIFF or TMX (an .xlf with the wrong root) stays unknown unless it says it is a page.
  if (text.startsWith('<?xml') && !named) return false;
  const m = /^<([A-Za-z][\w-]*)/.exec(skipProlog(text));
  if (m && HTML_ROOTS.has(m[1]!.toLowerCase())) return true;
  return named && m !== null;
}

/**
 * Skips the XML declaration, comments, processing instructions and a DOCTYPE, to reach the root
 * element. (A DOCTYPE is detected past, not accepted: the parser refuses it with the error that says why.)
 */
function skipProlog(s: string): string {
  let i = 0;
  for (;;) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    let end: number;
    if (s.startsWith('<?', i)) end = after(s, '?>', i);
    else if (s.startsWith('<!--', i)) end = after(s, '-->', i);
    else if (s.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
      const bracket = s.indexOf('[', i);
      const close = s.indexOf('>', i);
      end = bracket >= 0 && bracket < close ? after(s, '>', after(s, ']', bracket)) : after(s, '>', i);
    } else return s.slice(i);
    if (end < 0) return '';
    i = end;
  }
}

function after(s: string, token: string, from: number): number {
  if (from < 0) return -1;
  const at = s.indexOf(token, from);
  return at < 0 ? -1 : at + token.length;
}
