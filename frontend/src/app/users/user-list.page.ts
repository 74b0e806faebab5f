import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import type { UserResponse } from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { UserEditDialog } from './user-edit.dialog';
import { UsersApi, type UserFilter } from './users.api';

@Component({
  selector: 'rf-user-list-page',
  imports: [
    MatTableModule,
    MatPaginatorModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatChipsModule,
    LoadStateComponent,
  ],
  template: `
    <section class="rf-page">
      <div class="head">
        <h1>{{ i18n.t('users.title') }}</h1>
        <button mat-flat-button type="button" (click)="edit(null)" data-testid="user-new">
          <mat-icon>person_add</mat-icon> {{ i18n.t('users.new') }}
        </button>
      </div>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="search">
        <mat-label>{{ i18n.t('common.search') }}</mat-label>
        <input
          matInput
          #s
          (keyup.enter)="filter.set({ page: 1, pageSize: filter().pageSize, q: s.value })"
        />
      </mat-form-field>
      <rf-load-state
        [loading]="list.isLoading()"
        [error]="list.status() === 'error'"
        [empty]="list.hasValue() && rows().length === 0"
        (retry)="list.reload()"
      />
      @if (rows().length > 0) {
        <table mat-table [dataSource]="rows()" data-testid="user-table">
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef>{{ i18n.t('users.name') }}</th>
            <td mat-cell *matCellDef="let u">{{ u.name }}</td>
          </ng-container>
          <ng-container matColumnDef="email">
            <th mat-header-cell *matHeaderCellDef>{{ i18n.t('users.email') }}</th>
            <td mat-cell *matCellDef="let u">{{ u.email }}</td>
          </ng-container>
          <ng-container matColumnDef="role">
            <th mat-header-cell *matHeaderCellDef>{{ i18n.t('users.role') }}</th>
            <td mat-cell *matCellDef="let u">{{ i18n.label('role', u.role) }}</td>
          </ng-container>
          <ng-container matColumnDef="facilities">
            <th mat-header-cell *matHeaderCellDef>{{ i18n.t('users.facilities') }}</th>
            <td mat-cell *matCellDef="let u">{{ u.facilityIds.length || '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="active">
            <th mat-header-cell *matHeaderCellDef>{{ i18n.t('users.active') }}</th>
            <td mat-cell *matCellDef="let u">
              <span [class.inactive]="!u.active">{{
                i18n.t(u.active ? 'users.active' : 'users.inactive')
              }}</span>
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef>
              <span class="visually-hidden">{{ i18n.t('common.edit') }}</span>
            </th>
            <td mat-cell *matCellDef="let u">
              <button
                mat-icon-button
                type="button"
                (click)="edit(u)"
                [attr.aria-label]="i18n.t('common.edit') + ' ' + u.email"
              >
                <mat-icon>edit</mat-icon>
              </button>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      }
      <mat-paginator
        [length]="total()"
        [pageIndex]="filter().page - 1"
        [pageSize]="filter().pageSize"
        [pageSizeOptions]="[25, 50, 100]"
        (page)="onPage($event)"
      />
    </section>
  `,
  styles: `
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
    }
    .search {
      width: 320px;
      max-width: 100%;
    }
    table {
      width: 100%;
    }
    .inactive {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserListPage {
  protected readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  protected readonly filter = signal<UserFilter>({ page: 1, pageSize: 50 });
  protected readonly list = inject(UsersApi).listResource(this.filter);
  protected readonly rows = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  protected readonly total = computed(() => (this.list.hasValue() ? this.list.value().total : 0));
  protected readonly columns = ['name', 'email', 'role', 'facilities', 'active', 'actions'];

  protected async edit(user: UserResponse | null): Promise<void> {
    const ref = this.dialog.open(UserEditDialog, { data: user, autoFocus: 'first-tabbable' });
    if (await firstValueFrom(ref.afterClosed())) this.list.reload();
  }

  protected onPage(e: PageEvent): void {
    this.filter.update((f) => ({ ...f, page: e.pageIndex + 1, pageSize: e.pageSize }));
  }
}
