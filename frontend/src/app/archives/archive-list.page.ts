import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type {
  ArchiveResponse,
  ArchiveSyncRunResponse,
  ArchiveTestResponse,
  DiscoveredDeviceResponse,
  IdentityMappingResponse,
} from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { ArchiveEditDialog } from './archive-edit.dialog';
import { identityText } from './archive-form.model';
import { ArchivesApi } from './archives.api';
import { ConfirmDialog } from './confirm.dialog';
import { DiscoveredDeviceDialog } from './discovered-device.dialog';
import { DiscoveredLinkDialog } from './discovered-link.dialog';
import { MappingDialog } from './mapping.dialog';

/** What a Test or Sync press came to, per connection. */
interface TestState {
  busy: boolean;
  result?: ArchiveTestResponse;
  error?: string;
}
interface SyncState {
  busy: boolean;
  run?: ArchiveSyncRunResponse;
  error?: string;
}

/**
 * Image archive connections (administrators): the DICOMweb connections with test and sync, each
 * one's runs, the inbox of identities that matched no device, and the explicit identity mappings.
 */
@Component({
  selector: 'rf-archive-list-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatTableModule,
    LoadStateComponent,
  ],
  templateUrl: './archive-list.page.html',
  styleUrl: './archive-list.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ArchiveListPage {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(ArchivesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);

  protected readonly list = this.api.listResource();
  protected readonly archives = computed(() =>
    this.list.hasValue() ? this.list.value().items : [],
  );
  /** The connection whose runs are shown. */
  protected readonly selected = signal<string | undefined>(undefined);
  protected readonly runs = this.api.runsResource(this.selected);
  protected readonly runRows = computed(() =>
    this.runs.hasValue() ? this.runs.value().items : [],
  );
  protected readonly selectedName = computed(
    () => this.archives().find((a) => a.id === this.selected())?.name ?? '',
  );
  protected readonly discovered = this.api.discoveredResource();
  protected readonly inbox = computed(() =>
    this.discovered.hasValue() ? this.discovered.value().items : [],
  );
  protected readonly mappings = this.api.mappingsResource();
  protected readonly mappingRows = computed(() =>
    this.mappings.hasValue() ? this.mappings.value().items : [],
  );

  protected readonly tests = signal<Record<string, TestState>>({});
  protected readonly syncs = signal<Record<string, SyncState>>({});

  protected readonly runColumns = [
    'startedAt',
    'finishedAt',
    'status',
    'days',
    'seriesRead',
    'studies',
    'images',
    'errors',
  ];
  protected readonly inboxColumns = ['identity', 'period', 'days', 'studies', 'images', 'actions'];
  protected readonly mappingColumns = ['rule', 'device', 'actions'];

  protected identity(d: DiscoveredDeviceResponse | IdentityMappingResponse): string {
    return identityText(d) || '—';
  }

  protected async edit(a?: ArchiveResponse): Promise<void> {
    const saved = await firstValueFrom(
      this.dialog
        .open<ArchiveEditDialog, ArchiveResponse | null, ArchiveResponse>(ArchiveEditDialog, {
          data: a ?? null,
          autoFocus: 'first-tabbable',
          maxWidth: '720px',
        })
        .afterClosed(),
    );
    if (saved) {
      this.snack.open(this.i18n.t('common.saved'), undefined, { duration: 3000 });
      this.list.reload();
    }
  }

  protected async remove(a: ArchiveResponse): Promise<void> {
    const ok = await this.confirm(
      this.i18n.t('archives.deleteTitle'),
      this.i18n.t('archives.deleteText', { name: a.name }),
    );
    if (!ok) return;
    try {
      await this.api.remove(a.id);
      if (this.selected() === a.id) this.selected.set(undefined);
      this.list.reload();
    } catch (e) {
      this.fail(e);
    }
  }

  protected async test(a: ArchiveResponse): Promise<void> {
    this.tests.update((t) => ({ ...t, [a.id]: { busy: true } }));
    let state: TestState;
    try {
      state = { busy: false, result: await this.api.test(a.id) };
    } catch (e) {
      state = { busy: false, error: problemOf(e).detail || this.i18n.t('common.error') };
    }
    this.tests.update((t) => ({ ...t, [a.id]: state }));
  }

  protected async sync(a: ArchiveResponse): Promise<void> {
    this.syncs.update((s) => ({ ...s, [a.id]: { busy: true } }));
    let state: SyncState;
    try {
      state = { busy: false, run: await this.api.sync(a.id) };
    } catch (e) {
      const p = problemOf(e);
      state = {
        busy: false,
        error:
          p.status === 409
            ? this.i18n.t('archives.syncRunning')
            : p.detail || this.i18n.t('common.error'),
      };
    }
    this.syncs.update((s) => ({ ...s, [a.id]: state }));
    this.list.reload();
    this.discovered.reload();
    if (this.selected() === a.id) this.runs.reload();
  }

  protected toggleRuns(a: ArchiveResponse): void {
    this.selected.set(this.selected() === a.id ? undefined : a.id);
  }

  protected async link(d: DiscoveredDeviceResponse): Promise<void> {
    const done = await firstValueFrom(
      this.dialog
        .open(DiscoveredLinkDialog, { data: d, autoFocus: 'first-tabbable', maxWidth: '640px' })
        .afterClosed(),
    );
    if (done) this.afterReconcile();
  }

  protected async createDevice(d: DiscoveredDeviceResponse): Promise<void> {
    const done = await firstValueFrom(
      this.dialog
        .open(DiscoveredDeviceDialog, { data: d, autoFocus: 'first-tabbable', maxWidth: '720px' })
        .afterClosed(),
    );
    if (done) this.afterReconcile();
  }

  protected async addMapping(): Promise<void> {
    const done = await firstValueFrom(
      this.dialog
        .open(MappingDialog, { autoFocus: 'first-tabbable', maxWidth: '720px' })
        .afterClosed(),
    );
    if (done) this.mappings.reload();
  }

  protected async removeMapping(m: IdentityMappingResponse): Promise<void> {
    const ok = await this.confirm(
      this.i18n.t('mappings.deleteTitle'),
      this.i18n.t('mappings.deleteText', { rule: this.identity(m) }),
    );
    if (!ok) return;
    try {
      await this.api.removeMapping(m.id);
      this.mappings.reload();
    } catch (e) {
      this.fail(e);
    }
  }

  protected latency(ms: number): string {
    return this.i18n.t('archives.latency', { ms });
  }

  protected runStatus(status: string): string {
    return this.i18n.label('syncStatus', status);
  }

  private afterReconcile(): void {
    this.snack.open(this.i18n.t('discovered.done'), undefined, { duration: 4000 });
    this.discovered.reload();
    this.mappings.reload();
  }

  private async confirm(title: string, text: string): Promise<boolean> {
    return !!(await firstValueFrom(
      this.dialog.open(ConfirmDialog, { data: { title, text } }).afterClosed(),
    ));
  }

  private fail(e: unknown): void {
    const p = problemOf(e);
    this.snack.open(p.detail || this.i18n.t('common.error'), undefined, { duration: 6000 });
  }
}
