import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { I18nService } from '../core/i18n/i18n.service';
import { HealthApi } from '../health';

@Component({
  selector: 'rf-home-page',
  imports: [MatCardModule, MatIconModule, MatButtonModule, MatProgressBarModule],
  templateUrl: './home.page.html',
  styleUrl: './home.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  protected readonly i18n = inject(I18nService);
  protected readonly api = inject(HealthApi);
}
