import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ORTHANC_BINARY = '/usr/sbin/Orthanc';
export const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';
const HOST = '127.0.0.1';
const DEFAULT_PORTS = new Set([8042, 4242]); // a system Orthanc service may hold these

export interface TestOrthancOptions {
  /** Turn on HTTP basic authentication with this one user. */
  auth?: { username: string; password: string };
  binary?: string;
  plugin?: string;
  startTimeoutMs?: number;
}

/**
 * A real Orthanc with its DICOMweb plugin for tests: its own configuration, storage and index in a
 * fresh temporary folder, free loopback ports, no remote access. `stop()` kills it, waits for it
 * to exit and removes the folder; a test run that crashes still kills it when Node exits.
 * Never the system service's ports (8042/4242) nor anything under /etc/orthanc.
 */
export class TestOrthanc {
  private proc: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private dir: string | null = null;
  private killOnExit: (() => void) | null = null;
  private log = '';
  httpPort = 0;
  dicomPort = 0;

  constructor(private readonly options: TestOrthancOptions = {}) {}

  /** Orthanc's REST API root. */
  get httpUrl(): string {
    this.assertStarted();
    return `http://${HOST}:${this.httpPort}`;
  }

  /** The DICOMweb root (QIDO-RS, WADO-RS, STOW-RS), without a trailing slash. */
  get baseUrl(): string {
    return `${this.httpUrl}/dicom-web`;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  get running(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** What Orthanc wrote to stdout and stderr. */
  get output(): string {
    return this.log;
  }

  /** The configuration written for the current ports and folder (for the report and for debugging). */
  static configuration(
    dir: string,
    httpPort: number,
    dicomPort: number,
    auth?: TestOrthancOptions['auth'],
    plugin = DICOMWEB_PLUGIN,
  ): object {
    return {
      Name: `radfleet-test-${httpPort}`,
      StorageDirectory: join(dir, 'storage'),
      IndexDirectory: join(dir, 'index'),
      StorageCompression: false,
      HttpServerEnabled: true,
      HttpPort: httpPort,
      DicomServerEnabled: true,
      DicomPort: dicomPort,
      DicomAet: 'RADFLEETTEST',
      // Orthanc 1.10 cannot bind to loopback only: HTTP refuses other hosts (RemoteAccessAllowed),
      // and the DICOM server accepts no association from unknown modalities.
      DicomAlwaysAllowEcho: false,
      DicomAlwaysAllowStore: false,
      DicomAlwaysAllowFind: false,
      DicomAlwaysAllowFindWorklist: false,
      DicomAlwaysAllowGet: false,
      DicomAlwaysAllowMove: false,
      DicomCheckCalledAet: true,
      RemoteAccessAllowed: false,
      AuthenticationEnabled: auth !== undefined,
      RegisteredUsers: auth ? { [auth.username]: auth.password } : {},
      // Without this, Orthanc 1.10's DICOMweb answers re-encode text to Latin-1 and drop every
      // character it cannot represent: "Городская больница №1" comes back as "  1".
      DefaultEncoding: 'Utf8',
      Plugins: [plugin],
      DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false, Ssl: false },
      // General Equipment attributes that are not already main Series tags. The key exists from
      // Orthanc 1.11 on, which then keeps them in its index; 1.10 ignores it without a word, and
      // its DICOMweb plugin (1.7) returns them anyway by reading one stored instance per series.
      ExtraMainDicomTags: {
        Series: ['DeviceSerialNumber', 'ManufacturerModelName', 'InstitutionName'],
      },
      LimitFindResults: 0,
      LimitFindInstances: 0,
      ConcurrentJobs: 1,
      SaveJobs: false,
      ExecuteLuaEnabled: false,
      RestApiWriteToFileSystemEnabled: false,
      DicomModalities: {},
      OrthancPeers: {},
    };
  }

  async start(): Promise<void> {
    if (this.running) throw new Error('Orthanc is already running');
    const binary = this.options.binary ?? ORTHANC_BINARY;
    const plugin = this.options.plugin ?? DICOMWEB_PLUGIN;
    for (const file of [binary, plugin])
      if (!existsSync(file))
        throw new Error(`${file} is missing: install the orthanc and orthanc-dicomweb packages`);

    // A free port can be taken between our probe and Orthanc's bind; then Orthanc exits and we try new ports.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      this.dir = await mkdtemp(join(tmpdir(), 'radfleet-orthanc-'));
      const [httpPort, dicomPort] = await twoFreePorts();
      this.httpPort = httpPort;
      this.dicomPort = dicomPort;
      await mkdir(join(this.dir, 'storage'));
      await mkdir(join(this.dir, 'index'));
      const configPath = join(this.dir, 'orthanc.json');
      await writeFile(
        configPath,
        JSON.stringify(
          TestOrthanc.configuration(this.dir, httpPort, dicomPort, this.options.auth, plugin),
          null,
          2,
        ),
      );
      this.spawn(binary, configPath);
      try {
        await this.waitReady(this.options.startTimeoutMs ?? 20_000);
        return;
      } catch (error) {
        lastError = error;
        await this.stop();
      }
    }
    throw lastError;
  }

  /**
   * Kills Orthanc, waits until the process has exited and removes its folder. By default with
   * SIGKILL: the data is thrown away anyway, and a graceful SIGTERM takes Orthanc 1.10 about 3.5 s
   * (its HTTP server alone needs 2 s to wind down). `graceful` sends SIGTERM first and SIGKILL
   * after `graceMs`.
   */
  async stop(options: { graceful?: boolean; graceMs?: number } = {}): Promise<void> {
    const proc = this.proc;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      proc.kill(options.graceful ? 'SIGTERM' : 'SIGKILL');
      const timer = setTimeout(() => proc.kill('SIGKILL'), options.graceMs ?? 10_000);
      await this.exited;
      clearTimeout(timer);
    }
    if (this.killOnExit) process.off('exit', this.killOnExit);
    this.killOnExit = null;
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  /** Stores one DICOM file through `POST /instances`; returns Orthanc's instance id. */
  async upload(dicom: Uint8Array): Promise<string> {
    const res = await this.rest('/instances', {
      method: 'POST',
      body: dicom,
      headers: { 'Content-Type': 'application/dicom' },
    });
    const body = (await res.json()) as { ID?: string; Status?: string };
    if (
      res.status !== 200 ||
      !body.ID ||
      (body.Status !== 'Success' && body.Status !== 'AlreadyStored')
    ) {
      throw new Error(`Orthanc refused the instance (${res.status}): ${JSON.stringify(body)}`);
    }
    return body.ID;
  }

  /** Stores many files, a few at a time. */
  async uploadAll(files: readonly Uint8Array[], concurrency = 4): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < files.length) await this.upload(files[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  }

  /** Deletes every patient (so every study, series and instance). */
  async clear(): Promise<void> {
    const res = await this.rest('/patients');
    const ids = (await res.json()) as string[];
    for (const id of ids) {
      const del = await this.rest(`/patients/${id}`, { method: 'DELETE' });
      if (del.status !== 200)
        throw new Error(
          `Orthanc could not delete patient ${id}: ${del.status} ${await del.text()}`,
        );
    }
    const stats = (await (await this.rest('/statistics')).json()) as { CountInstances: number };
    if (stats.CountInstances !== 0)
      throw new Error(`Orthanc still holds ${stats.CountInstances} instances after clear()`);
  }

  /** A request to Orthanc's REST API, with the configured credentials. */
  async rest(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const auth = this.options.auth;
    if (auth)
      headers.set(
        'Authorization',
        `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
      );
    return fetch(`${this.httpUrl}${path}`, {
      ...init,
      headers,
      signal: init.signal ?? AbortSignal.timeout(30_000),
    });
  }

  private spawn(binary: string, configPath: string): void {
    this.log = '';
    const proc = spawn(binary, [configPath], {
      cwd: this.dir ?? undefined,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout?.on('data', (c: Buffer) => (this.log += c.toString()));
    proc.stderr?.on('data', (c: Buffer) => (this.log += c.toString()));
    this.exited = new Promise((ok) => proc.once('exit', () => ok()));
    proc.once('error', (error) => (this.log += `\nspawn error: ${error.message}`));
    this.proc = proc;
    this.killOnExit = () => proc.kill('SIGKILL');
    process.once('exit', this.killOnExit);
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`Orthanc exited during start-up:\n${this.log}`);
      try {
        const res = await this.rest('/plugins', { signal: AbortSignal.timeout(1_000) });
        if (res.status === 200) {
          const plugins = (await res.json()) as string[];
          if (!plugins.includes('dicom-web'))
            throw new Error(`Orthanc started without the DICOMweb plugin:\n${this.log}`);
          return;
        }
        await res.body?.cancel();
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('Orthanc started without'))
          throw error;
        /* not listening yet */
      }
      if (Date.now() > until)
        throw new Error(`Orthanc not ready after ${timeoutMs} ms:\n${this.log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private assertStarted(): void {
    if (!this.httpPort) throw new Error('Orthanc has not been started');
  }
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, HOST, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

async function twoFreePorts(): Promise<[number, number]> {
  for (;;) {
    const a = await freePort();
    const b = await freePort();
    if (a !== b && !DEFAULT_PORTS.has(a) && !DEFAULT_PORTS.has(b)) return [a, b];
  }
}
