/**
 * Word documents for the import tests, made with the `docx` package (no binaries in git): the
 * clean example plan as Word holds it (heading styles, a header table, a hand-made Innehåll,
 * lists, a table, an image with and one without alt text, a footnote, a link, Swedish long dates),
 * the same with Swedish style names ("Rubrik 1"), and one without heading styles (bold and
 * numbered paragraphs).
 */
import {
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export type HeadingStyle = 'english' | 'swedish' | 'none';

export interface Block {
  kind: 'title' | 'h1' | 'h2' | 'h3' | 'h4' | 'p' | 'bullet' | 'table' | 'image' | 'footnote' | 'link';
  text?: string;
  rows?: string[][];
  alt?: string;
  url?: string;
  note?: number;
}

/** The header table: label | value rows, and one cell with the label over its value. */
export const HEADER_ROWS: string[][] = [
  ['Dokumenttyp', 'Plan'],
  ['Diarienummer', 'KS 2024/0412'],
  ['Framtagen av', 'Kommunledningsförvaltningen'],
  ['Beslutad av', 'Kommunfullmäktige'],
  ['Beslutsdatum', '26 november 2024'],
  ['Gäller från', '1 januari 2025'],
  ['Gäller till', '31 december 2028'],
  ['Dokumentansvarig', 'Tillväxtavdelningen, kommunledningsförvaltningen'],
  ['Gäller förvaltningar', 'Ja'],
  ['Gäller bolag', 'Ja'],
  ['Processhänvisning', 'Planeringsdirektiv med budget'],
];

export const FOOTNOTE = 'Trafikverkets resvaneundersökning 2023.';

/** The clean example plan (examples/halmstad/ren-plan.plan.md), as a writer keeps it in Word. */
export function cleanPlan(): Block[] {
  const p = (text: string): Block => ({ kind: 'p', text });
  return [
    { kind: 'title', text: 'Plan för cykling 2025–2028' },
    { kind: 'h1', text: 'Framtagande av planen' },
    p(
      'Kommunledningsförvaltningen har tagit fram planen på uppdrag av kommunstyrelsen. Samtliga nämnder och bolagsstyrelser fick yttra sig om planen innan den färdigställdes.',
    ),
    { kind: 'h1', text: 'Ansvar för planen' },
    p('Kommunfullmäktige har antagit planen.'),
    p('Kommunstyrelsen ansvarar för att leda, samordna och följa upp planen.'),
    { kind: 'h1', text: 'Resurser' },
    p('Varje nämnd och bolagsstyrelse ska finansiera sina åtaganden i planen inom sin budget för ordinarie verksamhet.'),
    { kind: 'h1', text: 'Uppföljning' },
    p('Kommunledningsförvaltningen ansvarar för att följa upp planen en gång per år inom ramen för ordinarie verksamhetsuppföljning.'),
    { kind: 'h1', text: 'Uppdatering' },
    p('Kommunstyrelsen ansvarar för att uppdatera planen varje mandatperiod.'),
    { kind: 'h1', text: 'Innehåll' },
    p('Inledning'),
    p('Gemensamt ansvar'),
    p('Bakgrund'),
    p('Del 1. Fler väljer cykeln'),
    p('1.1. Ett sammanhängande cykelnät'),
    p('Del 2. En plats att cykla till'),
    p('2.1. Bra cykelparkering vid målpunkter'),
    p('Källor'),
    { kind: 'h1', text: 'Inledning' },
    { kind: 'footnote', text: 'Många resor i kommunen är kortare än fem kilometer.', note: 1 },
    { kind: 'link', text: 'Läs mer hos ', url: 'https://www.trafikverket.se/' },
    { kind: 'h1', text: 'Gemensamt ansvar' },
    p('Nämnder och bolagsstyrelser ska följa planen och arbeta för att förverkliga den utifrån sina uppdrag.'),
    { kind: 'h1', text: 'Bakgrund' },
    p('Det kräver att cykelvägarna hänger ihop och att det finns plats att ställa cykeln vid målet.'),
    {
      kind: 'table',
      rows: [
        ['År', 'Andel resor med cykel'],
        ['2019', '12 procent'],
        ['2023', '14 procent'],
      ],
    },
    { kind: 'image', alt: 'Karta över cykelnätet i centrum' },
    { kind: 'image' },
    { kind: 'h1', text: 'Del 1. Fler väljer cykeln' },
    p('Den här delen handlar om cykelvägarna och om hur barn och unga tar sig till skolan.'),
    { kind: 'h2', text: '1.1 Ett sammanhängande cykelnät' },
    p('Ansvar: Kommunstyrelsen, teknik- och fritidsnämnden'),
    { kind: 'h3', text: 'Varför är ambitionen viktig?' },
    p('Cykelvägar som hänger ihop gör cykeln till ett självklart val.'),
    { kind: 'h3', text: 'Vad behöver vi lyckas med de närmaste fyra åren för att nå ambitionen?' },
    p('Ett sammanhängande nät av cykelvägar mellan bostäder, skolor och arbetsplatser.'),
    { kind: 'h3', text: 'Hur?' },
    { kind: 'bullet', text: 'Teknik- och fritidsnämnden ska bygga ut cykelvägnätet.' },
    { kind: 'bullet', text: 'Kommunstyrelsen ska följa upp hur många som cyklar.' },
    { kind: 'h1', text: 'Del 2 – En plats att cykla till' },
    p('Den här delen handlar om att det ska vara lätt att ställa cykeln vid målet.'),
    { kind: 'h2', text: '2.1 Bra cykelparkering vid målpunkter' },
    { kind: 'h3', text: 'Varför är ambitionen viktig?' },
    p('Utan en trygg plats att ställa cykeln väljer många bilen.'),
    { kind: 'h3', text: 'Vad behöver vi lyckas med de närmaste fyra åren för att nå ambitionen?' },
    p('Fler och bättre cykelparkeringar vid skolor, hållplatser och handel.'),
    { kind: 'h3', text: 'Hur?' },
    { kind: 'bullet', text: 'Teknik- och fritidsnämnden ska bygga cykelparkeringar vid målpunkterna.' },
    { kind: 'h1', text: 'Källor' },
    { kind: 'bullet', text: 'Strategisk plan 2023–2026' },
  ];
}

function runs(text: string, bold: boolean, size?: number): TextRun[] {
  return [new TextRun({ text, bold, size })];
}

function paragraph(b: Block, style: HeadingStyle): Paragraph {
  const heading = (level: 1 | 2 | 3 | 4) => {
    if (style === 'english')
      return new Paragraph({
        text: b.text,
        heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4][level - 1],
      });
    if (style === 'swedish') return new Paragraph({ text: b.text, style: `Rubrik${level}` });
    return new Paragraph({ children: runs(b.text!, true, [32, 28, 24, 22][level - 1]) });
  };
  switch (b.kind) {
    case 'title':
      return style === 'none' ? new Paragraph({ children: runs(b.text!, true, 40) }) : new Paragraph({ text: b.text, heading: HeadingLevel.TITLE });
    case 'h1':
      return heading(1);
    case 'h2':
      return heading(2);
    case 'h3':
      return heading(3);
    case 'h4':
      return heading(4);
    case 'bullet':
      return new Paragraph({ text: b.text, bullet: { level: 0 } });
    case 'footnote':
      return new Paragraph({ children: [new TextRun(b.text!), new FootnoteReferenceRun(b.note!)] });
    case 'link': {
      const children: ParagraphChild[] = [
        new TextRun(b.text!),
        new ExternalHyperlink({ link: b.url!, children: [new TextRun('Trafikverket')] }),
        new TextRun('.'),
      ];
      return new Paragraph({ children });
    }
    case 'image':
      return new Paragraph({
        children: [
          new ImageRun({
            type: 'png',
            data: PNG,
            transformation: { width: 20, height: 20 },
            ...(b.alt ? { altText: { name: 'bild', title: b.alt, description: b.alt } } : {}),
          }),
        ],
      });
    default:
      return new Paragraph({ text: b.text });
  }
}

function table(rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: c.split('\n').map((line) => new Paragraph(line)) })) })),
  });
}

export interface BuildOptions {
  style: HeadingStyle;
  header?: string[][];
  blocks: Block[];
  footnotes?: Record<number, string>;
}

/** The document as .docx bytes. */
export async function buildDocx(options: BuildOptions): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  if (options.header) children.push(table(options.header));
  for (const b of options.blocks) children.push(b.kind === 'table' ? table(b.rows!) : paragraph(b, options.style));
  const doc = new Document({
    creator: 'plan-lsp tests',
    styles:
      options.style === 'swedish'
        ? {
            paragraphStyles: [1, 2, 3, 4].map((n) => ({
              id: `Rubrik${n}`,
              name: `Rubrik ${n}`,
              basedOn: 'Normal',
              next: 'Normal',
              run: { bold: true, size: [32, 28, 24, 22][n - 1] },
            })),
          }
        : undefined,
    footnotes: Object.fromEntries(Object.entries(options.footnotes ?? { 1: FOOTNOTE }).map(([k, v]) => [k, { children: [new Paragraph(v)] }])),
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/** Another document type: Åsby's handlingsplan (examples/asby), with fokusområden, mål, Nuläge and Aktiviteter. */
export const ASBY_HEADER: string[][] = [
  ['Dokumenttyp', 'Beslutad av', 'Diarienummer'],
  ['Handlingsplan', 'Kommunstyrelsen', 'ÅSB-2025-118'],
  ['Beslutsdatum', 'Gäller från', 'Gäller till'],
  ['3 december 2025', '1 januari 2026', '31 december 2027'],
  ['Dokumentansvarig\nKommunkansliet', 'Nivå: kommungemensam', ''],
];

export function asbyPlan(): Block[] {
  return [
    { kind: 'title', text: 'Handlingsplan för trygghet 2026–2027' },
    { kind: 'h1', text: 'Syfte' },
    { kind: 'p', text: 'Planen ska göra Åsby tryggare för alla som bor och vistas här.' },
    { kind: 'h1', text: 'Fokusområden' },
    { kind: 'h2', text: 'Fokusområde 1 – Trygga miljöer' },
    { kind: 'h3', text: '1.1 Väl upplysta gång- och cykelvägar' },
    { kind: 'h4', text: 'Nuläge' },
    { kind: 'p', text: 'Många vägar saknar belysning.' },
    { kind: 'h4', text: 'Aktiviteter' },
    { kind: 'bullet', text: 'Samhällsnämnden ska inventera belysningen längs gång- och cykelvägar.' },
    { kind: 'h1', text: 'Uppföljning' },
    { kind: 'p', text: 'Kommunkansliet följer upp målen varje halvår.' },
    { kind: 'h1', text: 'Ansvar' },
    { kind: 'p', text: 'Kommunstyrelsen har beslutat planen och leder arbetet.' },
  ];
}
