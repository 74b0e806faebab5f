import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  Modality,
  Permission,
  PRIORITY_FACTORS,
  type LifeBand,
  type LifeBandsResponse,
  type PricesResponse,
  type PriorityWeights,
  type ReplacementPrice,
  type WeightsResponse,
} from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../auth';
import { fieldErrors, problemOf, type FieldErrorMap } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/messages';
import { PlanningApi } from './planning.api';
import { FACTOR_COLOURS } from './planning-explain';
import {
  lifeBandDraftErrors,
  priceDraftErrors,
  weightDraftErrors,
  type DraftErrors,
} from './reference-drafts';

type SetName = 'bands' | 'prices' | 'weights';

/**
 * The Reference tab: life bands and weights (ADMIN edits) and replacement prices with the
 * escalation % (ADMIN and PROCUREMENT edit), each read whole, edited as a draft, checked here with
 * messages in the user's language, then saved whole with the version read (a stale one answers 409:
 * the user reloads) — the server validates again and audits every change.
 */
@Component({
  selector: 'rf-reference-editor',
  imports: [
    NgTemplateOutlet,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
  ],
  templateUrl: './reference-editor.component.html',
  styleUrl: './reference-editor.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReferenceEditorComponent {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(PlanningApi);
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);
  private readonly snack = inject(MatSnackBar);
  protected readonly modalities = Object.values(Modality);
  protected readonly factors = PRIORITY_FACTORS;
  protected readonly colours = FACTOR_COLOURS;

  private readonly active = signal(true);
  protected readonly lifeBands = this.api.lifeBandsResource(this.active);
  protected readonly prices = this.api.pricesResource(this.active);
  protected readonly weights = this.api.weightsResource(this.active);

  protected readonly canEditBands = computed(() => this.auth.can(Permission.REFERENCE_WRITE));
  protected readonly canEditPrices = computed(() => this.auth.can(Permission.PLAN_WRITE));

  /** The set being edited, its draft, and the errors to show next to its fields. */
  protected readonly editing = signal<SetName | null>(null);
  protected readonly bandDraft = signal<LifeBand[]>([]);
  protected readonly priceDraft = signal<ReplacementPrice[]>([]);
  protected readonly escalationDraft = signal('');
  protected readonly weightDraft = signal<Record<string, string>>({});
  protected readonly errors = signal<DraftErrors>({});
  protected readonly conflict = signal(false);
  protected readonly saving = signal(false);

  protected edit(set: SetName): void {
    this.errors.set({});
    this.conflict.set(false);
    if (set === 'bands' && this.lifeBands.hasValue())
      this.bandDraft.set(this.lifeBands.value().bands.map((b) => ({ ...b })));
    if (set === 'prices' && this.prices.hasValue()) {
      this.priceDraft.set(this.prices.value().prices.map((p) => ({ ...p })));
      this.escalationDraft.set(String(this.prices.value().escalationPct));
    }
    if (set === 'weights' && this.weights.hasValue())
      this.weightDraft.set(
        Object.fromEntries(
          Object.entries(this.weights.value().weights).map(([k, v]) => [k, String(v)]),
        ),
      );
    this.editing.set(set);
  }

  protected cancel(): void {
    this.editing.set(null);
    this.errors.set({});
    this.conflict.set(false);
  }

  protected reload(): void {
    const set = this.editing();
    this.conflict.set(false);
    if (set === 'bands') this.lifeBands.reload();
    if (set === 'prices') this.prices.reload();
    if (set === 'weights') this.weights.reload();
    this.editing.set(null);
  }

  // ------------------------------------------------------------ life bands

  protected setBand(i: number, field: keyof LifeBand, value: string): void {
    this.bandDraft.update((rows) =>
      rows.map((r, k) =>
        k !== i
          ? r
          : {
              ...r,
              [field]:
                field === 'minStudiesPerYear' || field === 'lifeYears'
                  ? value.trim() === ''
                    ? Number.NaN
                    : Number(value)
                  : value,
            },
      ),
    );
  }

  protected addBand(): void {
    this.bandDraft.update((rows) => [
      ...rows,
      { modality: Modality.CT, minStudiesPerYear: Number.NaN, lifeYears: Number.NaN, source: '' },
    ]);
  }

  protected removeBand(i: number): void {
    this.bandDraft.update((rows) => rows.filter((_, k) => k !== i));
  }

  protected async saveBands(): Promise<void> {
    const bands = this.bandDraft();
    if (!this.check(lifeBandDraftErrors(bands)) || !this.lifeBands.hasValue()) return;
    const version = this.lifeBands.value().version;
    const saved = await this.put<LifeBandsResponse>('/api/planning/life-bands', {
      version,
      bands: bands.map((b) => ({ ...b, source: b.source.trim() })),
    });
    if (saved) this.lifeBands.set(saved);
  }

  // ------------------------------------------------------------ prices

  protected setPrice(i: number, field: keyof ReplacementPrice, value: string): void {
    this.priceDraft.update((rows) => rows.map((r, k) => (k !== i ? r : { ...r, [field]: value })));
  }

  protected addPrice(): void {
    this.priceDraft.update((rows) => [
      ...rows,
      { modality: Modality.CT, priceClass: null, price: '', effectiveFrom: '', source: '' },
    ]);
  }

  protected removePrice(i: number): void {
    this.priceDraft.update((rows) => rows.filter((_, k) => k !== i));
  }

  protected async savePrices(): Promise<void> {
    const prices = this.priceDraft();
    const escalation = this.escalationDraft();
    if (!this.check(priceDraftErrors(prices, escalation)) || !this.prices.hasValue()) return;
    const saved = await this.put<PricesResponse>('/api/planning/prices', {
      version: this.prices.value().version,
      escalationPct: Number(escalation),
      prices: prices.map((p) => ({
        modality: p.modality,
        priceClass: p.priceClass?.trim() || null,
        price: p.price.trim().replace(',', '.'),
        effectiveFrom: p.effectiveFrom,
        source: p.source.trim(),
      })),
    });
    if (saved) this.prices.set(saved);
  }

  // ------------------------------------------------------------ weights

  protected setWeight(factor: string, value: string): void {
    this.weightDraft.update((w) => ({ ...w, [factor]: value }));
  }

  protected async saveWeights(): Promise<void> {
    const draft = this.weightDraft();
    if (!this.check(weightDraftErrors(draft)) || !this.weights.hasValue()) return;
    const weights = Object.fromEntries(
      PRIORITY_FACTORS.map((f) => [f, Number(draft[f])]),
    ) as PriorityWeights;
    const saved = await this.put<WeightsResponse>('/api/planning/weights', {
      version: this.weights.value().version,
      weights,
    });
    if (saved) this.weights.set(saved);
  }

  // ------------------------------------------------------------ shared

  protected error(field: string): string | null {
    const e = this.errors()[field];
    if (!e) return null;
    return typeof e === 'string' ? e : this.i18n.t(e.key as MessageKey, e.params);
  }

  protected isNaN(n: number): boolean {
    return Number.isNaN(n);
  }

  /** "Version 3, changed 2 December 2026 12:00". */
  protected version(set: { version: number; updatedAt: string }): string {
    return this.i18n.t('planning.edit.version', {
      v: set.version,
      at: this.i18n.date(set.updatedAt.slice(0, 10)),
    });
  }

  protected factorName(f: string): string {
    return this.i18n.t(`planning.factor.${f}` as MessageKey);
  }

  private check(errors: DraftErrors): boolean {
    this.errors.set(errors);
    return Object.keys(errors).length === 0;
  }

  /** Saves a set; on 409 offers a reload, on 400 shows the server's field messages. */
  private async put<T>(url: string, body: unknown): Promise<T | null> {
    this.saving.set(true);
    try {
      const saved = await firstValueFrom(this.http.put<T>(url, body));
      this.editing.set(null);
      this.errors.set({});
      this.snack.open(this.i18n.t('common.saved'), undefined, { duration: 3000 });
      return saved;
    } catch (err) {
      if (err instanceof HttpErrorResponse && err.status === 409) this.conflict.set(true);
      else {
        const fields: FieldErrorMap = fieldErrors(err);
        const shown: DraftErrors = {};
        for (const [k, v] of Object.entries(fields)) if (v) shown[k] = v;
        if (Object.keys(shown).length === 0) shown['form'] = problemOf(err).detail ?? '';
        this.errors.set(shown);
      }
      return null;
    } finally {
      this.saving.set(false);
    }
  }
}
