/**
 * A template's look for published documents (fonts, heading colour, text size, margin, logo),
 * checked again here: a template's text never becomes markup or CSS, whatever its file says.
 */
import type { PublishLook } from '../core/template';

export interface Look {
  font: string;
  headingFont: string;
  /** Points. */
  fontSize: number;
  /** `1F4E79`, or undefined for the text colour. */
  headingColor?: string;
  /** Centimetres. */
  margin: number;
  logoAlt: string;
}

/** A font name with letters, digits, spaces and hyphens only. */
export function safeFont(name: string | undefined): string | undefined {
  const clean = name
    ?.replace(/[^\p{L}\p{N} -]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean ? clean.slice(0, 64) : undefined;
}

/** `#1F4E79` as `1F4E79`; undefined for anything else. */
export function safeColor(color: string | undefined): string | undefined {
  return color && /^#[0-9A-Fa-f]{6}$/.test(color) ? color.slice(1).toUpperCase() : undefined;
}

function within(n: number | undefined, min: number, max: number): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

/** The look to use: the template's where it is valid, else the built-in one (Calibri 11 pt, 2.5 cm margins). */
export function lookOf(look: PublishLook | undefined): Look {
  const font = safeFont(look?.font) ?? 'Calibri';
  return {
    font,
    headingFont: safeFont(look?.headingFont) ?? font,
    fontSize: within(look?.fontSize, 8, 20) ?? 11,
    headingColor: safeColor(look?.headingColor),
    margin: within(look?.margin, 1, 5) ?? 2.5,
    logoAlt: look?.logoAlt ?? '',
  };
}
