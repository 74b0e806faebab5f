/**
 * Hand-built .xlsx files for the import tests: a zip bomb (a small file whose worksheet inflates to
 * hundreds of MB, deflated chunk by chunk so that building it takes no memory either) and
 * workbooks with the odd XML some programs write (rows and cells without a position).
 */
import { open } from 'node:fs/promises';
import { crc32, constants, createDeflateRaw, deflateRawSync } from 'node:zlib';

interface ZipPart {
  readonly name: string;
  /** The part's content, whole or as chunks (a generator keeps a huge part out of memory). */
  readonly content: string | (() => Iterable<Buffer>);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Данные" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const SHEET_START =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_END = '</sheetData></worksheet>';

/** An inline-string cell; `ref` null leaves out its position, as some generators do. */
export function cell(ref: string | null, text: string): string {
  const r = ref === null ? '' : ` r="${ref}"`;
  return `<c${r} t="inlineStr"><is><t>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;
}

/** A row of inline-string cells in columns A, B, ...; `withPositions` false leaves out every `r`. */
export function row(n: number | null, texts: readonly string[], withPositions = true): string {
  const cells = texts
    .map((t, i) =>
      cell(withPositions && n !== null ? `${String.fromCharCode(65 + i)}${n}` : null, t),
    )
    .join('');
  return `<row${n === null ? '' : ` r="${n}"`}>${cells}</row>`;
}

/** A workbook of one worksheet ("Данные") whose sheetData is the given row XML. */
export async function writeWorkbook(path: string, rowsXml: string): Promise<void> {
  await writeZip(path, [
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
    { name: '_rels/.rels', content: ROOT_RELS },
    { name: 'xl/workbook.xml', content: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', content: WORKBOOK_RELS },
    { name: 'xl/worksheets/sheet1.xml', content: SHEET_START + rowsXml + SHEET_END },
  ]);
}

/**
 * A zip bomb shaped as a workbook: the header row, then rows of device-like text repeated until the
 * worksheet holds `sheetBytes` bytes. Deflate squeezes the repetition about 1000:1.
 */
export async function writeXlsxBomb(path: string, sheetBytes: number): Promise<void> {
  const header = row(1, ['Инвентарный номер', 'Модальность', 'Производитель', 'Модель']);
  const chunk = Buffer.from(
    Array.from({ length: 512 }, () =>
      row(null, ['ИН-000000', 'КТ', 'Siemens Healthineers', 'SOMATOM go.Up'], false),
    ).join(''),
  );
  function* sheet(): Iterable<Buffer> {
    yield Buffer.from(SHEET_START + header);
    for (let written = 0; written < sheetBytes; written += chunk.length) yield chunk;
    yield Buffer.from(SHEET_END);
  }
  await writeZip(path, [
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
    { name: '_rels/.rels', content: ROOT_RELS },
    { name: 'xl/workbook.xml', content: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', content: WORKBOOK_RELS },
    { name: 'xl/worksheets/sheet1.xml', content: sheet },
  ]);
}

/** Deflates chunks one by one: returns the compressed bytes, the CRC-32 and the inflated size. */
async function deflateChunks(
  chunks: Iterable<Buffer>,
): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const c of chunks) {
    crc = crc32(c, crc);
    size += c.length;
    if (!deflate.write(c)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await ended;
  return { data: Buffer.concat(out), crc, size };
}

/** Writes a zip (deflated parts, sizes in the local headers, no zip64: parts under 4 GB). */
export async function writeZip(path: string, parts: readonly ZipPart[]): Promise<void> {
  const file = await open(path, 'w');
  try {
    const central: Buffer[] = [];
    let offset = 0;
    for (const part of parts) {
      const name = Buffer.from(part.name);
      let entry: { data: Buffer; crc: number; size: number };
      if (typeof part.content === 'string') {
        const raw = Buffer.from(part.content);
        entry = { data: deflateRawSync(raw), crc: crc32(raw), size: raw.length };
      } else {
        entry = await deflateChunks(part.content());
      }
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(8, 8); // deflate
      local.writeUInt32LE(entry.crc, 14);
      local.writeUInt32LE(entry.data.length, 18);
      local.writeUInt32LE(entry.size, 22);
      local.writeUInt16LE(name.length, 26);
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(0x0800, 8);
      header.writeUInt16LE(8, 10);
      header.writeUInt32LE(entry.crc, 16);
      header.writeUInt32LE(entry.data.length, 20);
      header.writeUInt32LE(entry.size, 24);
      header.writeUInt16LE(name.length, 28);
      header.writeUInt32LE(offset, 42);
      central.push(header, name);
      await file.write(Buffer.concat([local, name, entry.data]));
      offset += local.length + name.length + entry.data.length;
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(parts.length, 8);
    end.writeUInt16LE(parts.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    await file.write(Buffer.concat([directory, end]));
  } finally {
    await file.close();
  }
}
