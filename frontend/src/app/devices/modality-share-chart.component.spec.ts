import { modalityShareRows } from './modality-share-chart.component';

describe('modalityShareRows', () => {
  it('computes the digital share per modality, largest first, and leaves empty ones without a share', () => {
    const rows = modalityShareRows(
      [
        { modality: 'CT', digital: 2, analogue: 0 },
        { modality: 'RADIOGRAPHY', digital: 6, analogue: 2 },
        { modality: 'MRI', digital: 0, analogue: 0 },
      ],
      (m) => m.toLowerCase(),
    );
    expect(rows.map((r) => [r.modality, r.total, r.share])).toEqual([
      ['RADIOGRAPHY', 8, 0.75],
      ['CT', 2, 1],
      ['MRI', 0, null],
    ]);
    expect(rows[0]!.label).toBe('radiography');
  });
});
