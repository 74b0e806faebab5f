import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ShellComponent } from './shell/shell.component';

@Component({
  selector: 'rf-root',
  imports: [ShellComponent],
  template: '<rf-shell />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppComponent {}
