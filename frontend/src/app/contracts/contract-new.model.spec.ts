import { ContractType } from '@radfleet/shared';
import {
  contractBody,
  DEFAULT_SLA,
  inventoryNumbers,
  serviceFees,
  type ContractFormValue,
} from './contract-new.model';

const SUPPLIER = '44444444-4444-4444-8444-444444444444';

function form(patch: Partial<ContractFormValue> = {}): ContractFormValue {
  return {
    number: ' 0373200041526000001 ',
    type: ContractType.LIFECYCLE,
    supplierId: SUPPLIER,
    subject: 'Поставка и обслуживание маммографа',
    signedOn: '2026-11-20',
    startDate: '2026-12-01',
    endDate: '2031-11-30',
    value: '45 000 000,00',
    milestones: [
      { description: 'Аванс', dueDate: '2026-12-15', amount: '9000000' },
      { description: ' ', dueDate: '2027-06-01', amount: '36 000 000' },
    ],
    sla: { ...DEFAULT_SLA, guaranteedUptimePercent: '97,5', penaltyPerDay: '15 000' },
    serviceFees: '',
    devices: '',
    ...patch,
  };
}

describe('contractBody', () => {
  it('builds the request with exact amounts and milestones in order', () => {
    const { body, errors } = contractBody(form());
    expect(errors).toEqual({});
    expect(body).toEqual({
      number: '0373200041526000001',
      type: 'LIFECYCLE',
      supplierId: SUPPLIER,
      subject: 'Поставка и обслуживание маммографа',
      signedOn: '2026-11-20',
      startDate: '2026-12-01',
      endDate: '2031-11-30',
      value: '45000000.00',
      milestones: [
        { description: 'Аванс', dueDate: '2026-12-15', amount: '9000000' },
        { dueDate: '2027-06-01', amount: '36000000' },
      ],
      sla: {
        guaranteedUptimePercent: 97.5,
        basis: 'ROUND_THE_CLOCK',
        responseHours: 24,
        repairDays: 7,
        penaltyPerDay: '15000',
        measurementPeriod: 'QUARTER',
        verdictScope: 'PER_DEVICE',
      },
    });
  });

  it('reads per-device service fees for listed devices only', () => {
    const errors = {};
    expect(
      serviceFees('INV-1: 300 000\ninv-2 = 900000,50', inventoryNumbers('INV-1, INV-2'), errors),
    ).toEqual(
      new Map([
        ['INV-1', '300000'],
        ['INV-2', '900000.50'],
      ]),
    );
    expect(errors).toEqual({});
    expect(
      contractBody(form({ devices: 'INV-1', serviceFees: 'INV-9: 100' })).errors['serviceFees'],
    ).toBe('contractNew.serviceFeesRule');
  });

  it('leaves the SLA out when it is switched off, and checks its terms when on', () => {
    expect(contractBody(form({ sla: { ...DEFAULT_SLA, enabled: false } })).body?.sla).toBeNull();
    const { body, errors } = contractBody(
      form({
        sla: {
          ...DEFAULT_SLA,
          guaranteedUptimePercent: '101',
          responseHours: '2,5',
          repairDays: '0',
          penaltyPerDay: 'x',
        },
      }),
    );
    expect(body).toBeNull();
    expect(errors).toEqual({
      'sla.guaranteedUptimePercent': 'contractNew.slaPercentRule',
      'sla.responseHours': 'contractNew.slaHoursRule',
      'sla.repairDays': 'contractNew.slaDaysRule',
      'sla.penaltyPerDay': 'contractNew.moneyRule',
    });
  });

  it('names each wrong field, milestones by position', () => {
    const { body, errors } = contractBody(
      form({
        number: '',
        endDate: '2026-01-01',
        value: '1,234',
        milestones: [{ description: '', dueDate: null, amount: 'x' }],
      }),
    );
    expect(body).toBeNull();
    expect(errors).toEqual({
      number: 'common.required',
      endDate: 'contractNew.endBeforeStart',
      value: 'contractNew.moneyRule',
      'milestones.0.dueDate': 'common.required',
      'milestones.0.amount': 'contractNew.moneyRule',
    });
  });
});

describe('inventoryNumbers', () => {
  it('splits on commas and lines, once each', () => {
    expect(inventoryNumbers('INV-1, INV-2\nINV-1;; \n')).toEqual(['INV-1', 'INV-2']);
    expect(inventoryNumbers('  ')).toEqual([]);
  });
});
