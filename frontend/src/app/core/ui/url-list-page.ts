import { computed, Directive, inject, input } from '@angular/core';
import type { PageEvent } from '@angular/material/paginator';
import type { Sort } from '@angular/material/sort';
import { Router } from '@angular/router';

/**
 * A list page whose paging and sorting live in the URL (`?page=2&pageSize=50&sort=-name`), bound by
 * the router to these inputs. Pages add their own filter inputs and call `setQuery` to change them.
 */
@Directive()
export abstract class UrlListPage {
  protected readonly router = inject(Router);
  readonly page = input<string>();
  readonly pageSize = input<string>();
  readonly sort = input<string>();

  /** The sort when the URL names none, e.g. `code` or `-endDate`. */
  protected abstract readonly defaultSort: string;

  protected readonly pageNumber = computed(() => Number(this.page() ?? 1) || 1);
  protected readonly pageSizeNumber = computed(() => Number(this.pageSize() ?? 50) || 50);
  protected readonly sortValue = computed(() => this.sort() ?? this.defaultSort);
  /** The sort as MatSort shows it. */
  protected readonly sortState = computed(() => {
    const s = this.sortValue();
    return {
      active: s.replace(/^-/, ''),
      direction: s.startsWith('-') ? ('desc' as const) : ('asc' as const),
    };
  });

  /** Merges into the URL's query; a filter change goes back to the first page. */
  protected setQuery(patch: Record<string, string | number | null>, resetPage = true): void {
    void this.router.navigate([], {
      queryParams: { ...patch, ...(resetPage ? { page: null } : {}) },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected onSort(s: Sort): void {
    this.setQuery({ sort: s.direction ? `${s.direction === 'desc' ? '-' : ''}${s.active}` : null });
  }

  protected onPage(e: PageEvent): void {
    this.setQuery({ page: e.pageIndex + 1, pageSize: e.pageSize }, false);
  }
}
