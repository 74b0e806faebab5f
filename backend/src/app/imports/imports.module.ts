import { Global, Module } from '@nestjs/common';
import { ImportGate, ImportUploadInterceptor } from '../common/upload.js';
import { ImportResultsController } from './import-results.controller.js';
import { SpreadsheetImports } from '../common/spreadsheet/imports.service.js';

/** What every spreadsheet import uses: the concurrency gate, the upload, limits and results. */
@Global()
@Module({
  controllers: [ImportResultsController],
  providers: [ImportGate, ImportUploadInterceptor, SpreadsheetImports],
  exports: [ImportGate, ImportUploadInterceptor, SpreadsheetImports],
})
export class ImportsModule {}
