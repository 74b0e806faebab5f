import type ExcelJS from 'exceljs';

/**
 * Pictures in exceljs's streaming writer. Its WorksheetWriter (exceljs 4.4) writes no drawing
 * part, only background images, so a picture is added here the way Excel stores one: the PNG as
 * workbook media (exceljs adds it and its content type), a drawing part with a one-cell anchor
 * and its relationship to the media, the sheet's relationship to the drawing, a `<drawing>`
 * element in the sheet (after its row breaks, where the schema puts it) and the drawing's content
 * type. Everything else — rows, styles, notes, conditional formats — stays exceljs's own.
 */

const DRAWING_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const IMAGE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
const EMU_PER_PIXEL = 9525;

/** The exceljs 4.4 internals used here (not in its typings). */
interface WorkbookInternals {
  zip: { append(data: string | Buffer, options: { name: string }): void };
  media: { name: string }[];
  addImage(image: { buffer: Buffer; extension: 'png' }): number;
  addContentTypes(): Promise<void>;
}
interface WorksheetInternals {
  id: number;
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeRowBreaks(): void;
  stream: { write(text: string): void };
}

export interface SheetPicture {
  png: Buffer;
  /** Zero-based column and row of the picture's top-left corner. */
  col: number;
  row: number;
  width: number;
  height: number;
  /** Alternative text (accessibility). */
  description: string;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Drawings written so far per workbook, for its content types. */
const drawingsOf = new WeakMap<object, string[]>();

/** Adds pictures to a streaming worksheet; call before the sheet is committed. */
export function addPictures(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  worksheet: ExcelJS.Worksheet,
  pictures: readonly SheetPicture[],
): void {
  if (pictures.length === 0) return;
  const wb = workbook as unknown as WorkbookInternals;
  const ws = worksheet as unknown as WorksheetInternals;
  let drawings = drawingsOf.get(workbook);
  if (!drawings) {
    drawings = [];
    drawingsOf.set(workbook, drawings);
    const addContentTypes = wb.addContentTypes.bind(wb);
    const list = drawings;
    // exceljs's content types know drawings (its non-streaming writer uses them): pass ours on.
    wb.addContentTypes = function (this: WorkbookInternals) {
      const append = wb.zip.append.bind(wb.zip);
      wb.zip.append = (data, options) => {
        if (options.name === '[Content_Types].xml' && typeof data === 'string') {
          const parts = list
            .map(
              (name) =>
                `<Override PartName="/xl/drawings/${name}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`,
            )
            .join('');
          data = data.replace('</Types>', `${parts}</Types>`);
        }
        append(data, options);
      };
      return addContentTypes().finally(() => {
        wb.zip.append = append;
      });
    };
  }
  const name = `drawing${ws.id}`;
  drawings.push(name);
  const rels: string[] = [];
  const anchors = pictures.map((p, i) => {
    const mediaId = wb.addImage({ buffer: p.png, extension: 'png' });
    const rId = `rId${i + 1}`;
    rels.push(
      `<Relationship Id="${rId}" Type="${IMAGE_REL}" Target="../media/image${mediaId}.png"/>`,
    );
    const cx = p.width * EMU_PER_PIXEL;
    const cy = p.height * EMU_PER_PIXEL;
    return `<xdr:oneCellAnchor><xdr:from><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="${cx}" cy="${cy}"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${i + 2}" name="Picture ${i + 1}" descr="${escapeXml(p.description)}"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="${rId}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>`;
  });
  wb.zip.append(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${anchors.join('')}</xdr:wsDr>`,
    { name: `xl/drawings/${name}.xml` },
  );
  wb.zip.append(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
    { name: `xl/drawings/_rels/${name}.xml.rels` },
  );
  const rId = ws._sheetRelsWriter.addRelationship({
    Type: DRAWING_REL,
    Target: `../drawings/${name}.xml`,
  });
  const writeRowBreaks = ws._writeRowBreaks.bind(ws);
  ws._writeRowBreaks = () => {
    writeRowBreaks();
    ws.stream.write(`<drawing r:id="${rId}"/>`);
  };
}
