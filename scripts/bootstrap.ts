// Installs what the course needs and is missing, so that `npm test`, `npm run course` and
// `npm start` work on a fresh machine: the library build, a Python with Jupyter's client
// libraries (Debian packages via apt-get, else pip), and private kernelspecs: tslab (the default) and,
// when its binary is installed, Deno's kernel (`deno jupyter`, the second kernel).
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const repoRoot = join(__dirname, "..");
export const jupyterDir = join(repoRoot, ".cache", "jupyter");

const debianPackages = [
  "python3-jupyter-client",
  "python3-nbformat",
  "jupyter-nbconvert",
  "python3-nbclient",
  "python3-ipykernel",
  "jupyter-core",
  "jupyter-notebook",
];
const pipPackages = ["jupyter_client", "nbformat", "nbconvert", "ipykernel", "notebook"];
const probe = "import jupyter_client, nbformat, nbconvert";

function run(command: string, args: string[], options: SpawnSyncOptions = {}) {
  return spawnSync(command, args, { encoding: "utf8", ...options }) as ReturnType<typeof spawnSync> & {
    stdout: string;
    stderr: string;
  };
}

function log(message: string): void {
  process.stderr.write(`[mtlkit setup] ${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`\n[mtlkit setup] ERROR: ${message}\n`);
  process.exit(1);
}

/** Builds src/ to dist/ with the project's own TypeScript (not tslab's bundled one). */
export function buildLibrary(): void {
  const result = run(
    process.execPath,
    [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    { cwd: repoRoot },
  );
  if (result.status !== 0) fail(`the library does not build:\n${result.stdout}${result.stderr}`);
}

/** Where to look for Python and whether apt-get may be used; tests narrow these. */
export interface SetupOptions {
  pythonCandidates?: string[];
  allowApt?: boolean;
  /** Also require the Notebook server (for `npm start`), not only the headless client. */
  notebookServer?: boolean;
  /** The kernel the caller will run lessons on; "deno" fails with how to install it when it is missing. */
  kernel?: string;
  /** Where to look for the `deno` binary; tests narrow these. */
  denoCandidates?: string[];
}

/** The notebook kernels the course runs on: tslab (the default) and Deno's. */
export const kernelNames = ["tslab", "deno"] as const;
export type KernelName = (typeof kernelNames)[number];

/** Reads `--kernel NAME` from command-line arguments; returns the name and the other arguments. */
export function kernelArgument(args: readonly string[]): { kernel: KernelName; rest: string[] } {
  const rest = [...args];
  const at = rest.findIndex((arg) => arg === "--kernel" || arg.startsWith("--kernel="));
  if (at < 0) return { kernel: "tslab", rest };
  const [flag] = rest.splice(at, 1) as [string];
  const name = flag.includes("=") ? flag.slice(flag.indexOf("=") + 1) : rest.splice(at, 1)[0];
  if (!kernelNames.includes(name as KernelName)) {
    fail(
      `unknown kernel ${JSON.stringify(name ?? "")}; the course runs on: ${kernelNames.join(", ")} (e.g. --kernel deno)`,
    );
  }
  return { kernel: name as KernelName, rest };
}

function denoCandidates(options: SetupOptions): string[] {
  return (
    options.denoCandidates ??
    [
      process.env.MTL_DENO,
      ...npmDenoBinaries(),
      join(repoRoot, "node_modules", ".bin", "deno"),
      ...pathEntries("deno"),
    ].filter((path): path is string => Boolean(path))
  );
}

/** The binaries of npm's `@deno/<platform>` packages: the kernel should be Deno itself, not a Node wrapper. */
function npmDenoBinaries(): string[] {
  const scope = join(repoRoot, "node_modules", "@deno");
  if (!existsSync(scope)) return [];
  return readdirSync(scope).map((platform) =>
    join(scope, platform, process.platform === "win32" ? "deno.exe" : "deno"),
  );
}

function pathEntries(binary: string): string[] {
  return (process.env.PATH ?? "")
    .split(":")
    .filter(Boolean)
    .map((dir) => join(dir, binary));
}

/** The `deno` binary for Deno's kernel: MTL_DENO, else this clone's npm copy, else one on PATH. */
export function denoPath(options: SetupOptions = {}): string | undefined {
  return denoCandidates(options).find((path) => existsSync(path) && run(path, ["--version"]).status === 0);
}

function pythonCandidates(options: SetupOptions): string[] {
  const list =
    options.pythonCandidates ??
    [process.env.MTL_PYTHON, "/usr/bin/python3", "python3", "python"].filter((name): name is string => Boolean(name));
  return [...new Set(list)];
}

function findJupyterPython(options: SetupOptions): string | undefined {
  const code = options.notebookServer ? `${probe}, notebook` : probe;
  return pythonCandidates(options).find((python) => run(python, ["-c", code]).status === 0);
}

/**
 * Installs Debian packages with apt-get when running as root (or with password-less sudo), running
 * `apt-get update` once if the first try fails; `what` names what is missing in the log. Returns the last apt-get result, or undefined when apt-get
 * cannot be used here.
 */
function aptInstall(
  what: string,
  packages: readonly string[],
  allowApt: boolean | undefined,
): ReturnType<typeof run> | undefined {
  const isRoot = process.getuid?.() === 0;
  const hasApt = allowApt !== false && run("apt-get", ["--version"]).status === 0;
  const hasSudo = !isRoot && run("sudo", ["-n", "true"]).status === 0;
  if (!hasApt || !(isRoot || hasSudo)) return undefined;
  log(`${what} is missing; installing Debian packages: ${packages.join(" ")}`);
  const prefix = isRoot ? [] : ["sudo", "-n"];
  const aptGet = (args: string[]) => {
    const [command, ...rest] = [...prefix, "apt-get", ...args] as [string, ...string[]];
    return run(command, rest, {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  };
  const result = aptGet(["install", "-y", "--no-install-recommends", ...packages]);
  if (result.status === 0) return result;
  log("apt-get install failed; running apt-get update and trying again");
  aptGet(["update"]);
  return aptGet(["install", "-y", "--no-install-recommends", ...packages]);
}

function installJupyter(options: SetupOptions): void {
  const result = aptInstall("Jupyter", debianPackages, options.allowApt);
  if (result?.status === 0) return;
  if (result) log(`apt-get could not install Jupyter:\n${result.stderr}`);
  const python = pythonCandidates(options).find((candidate) => run(candidate, ["-m", "pip", "--version"]).status === 0);
  if (python) {
    log(`installing Jupyter with pip for ${python}: ${pipPackages.join(" ")}`);
    const result = run(python, ["-m", "pip", "install", "--user", ...pipPackages], { stdio: "inherit" });
    if (result.status === 0) return;
  }
  fail(
    "no Python with Jupyter is available and none could be installed. Install Python 3 and Jupyter " +
      "(Debian/Ubuntu: sudo apt-get install " +
      debianPackages.join(" ") +
      "; elsewhere: python3 -m pip install " +
      pipPackages.join(" ") +
      "), or set MTL_PYTHON to a Python that has jupyter_client, nbformat and nbconvert.",
  );
}

const chromiumCandidates = [
  "/usr/lib/chromium/chromium",
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

/** The Chromium (or Chrome) binary the browser tests drive: MTL_CHROMIUM, else the first one installed. */
export function chromiumPath(): string | undefined {
  const list = [process.env.MTL_CHROMIUM, ...chromiumCandidates].filter((path): path is string => Boolean(path));
  return list.find((path) => existsSync(path));
}

/**
 * Makes sure a Chromium exists for the browser tests: installs Debian's `chromium` with apt-get when
 * running as root (or with password-less sudo) and none is found, as for Jupyter. Returns its path.
 */
export function ensureChromium(options: Pick<SetupOptions, "allowApt"> = {}): string {
  const found = chromiumPath();
  if (found) return found;
  if (aptInstall("Chromium (for the browser tests)", ["chromium"], options.allowApt) !== undefined) {
    const installed = chromiumPath();
    if (installed) return installed;
  }
  fail(
    "the browser tests need Chromium and none was found or could be installed. Install it " +
      "(Debian/Ubuntu: sudo apt-get install chromium) or set MTL_CHROMIUM to a Chromium or Chrome binary.",
  );
}

/** Writes a kernelspec for this clone's own tslab, found through JUPYTER_PATH — no global install. */
function writeTslabKernelSpec(): void {
  const tslab = join(repoRoot, "node_modules", "tslab", "bin", "tslab");
  if (!existsSync(tslab)) fail(`tslab is missing at ${tslab}; run npm install first`);
  const dir = join(jupyterDir, "kernels", "tslab");
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [process.execPath, tslab, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (mtlkit)",
    language: "typescript",
  };
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(spec, null, 2));
}

/**
 * Writes a private kernelspec for Deno's kernel, as for tslab: nothing is registered globally. Deno
 * resolves `mtlkit` and tfjs from this clone's node_modules (package.json marks the build CommonJS).
 */
function writeDenoKernelSpec(deno: string): void {
  const dir = join(jupyterDir, "kernels", "deno");
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno (mtlkit)",
    language: "typescript",
    // No update checks (CI has no internet) and no permission prompts (there is no terminal).
    env: { DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" },
  };
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(spec, null, 2));
}

function failWithoutDeno(): never {
  fail(
    "the Deno kernel needs the `deno` binary and none was found. It is one of mtlkit's devDependencies: " +
      "run `npm install` in this clone (or `npm install --save-dev deno`); or install Deno " +
      "(https://docs.deno.com/runtime/getting_started/installation/) and put it on PATH, or set MTL_DENO to its path.",
  );
}

/**
 * Makes sure Jupyter and the tslab kernel (and Deno's, when asked for or installed) are ready. Returns the
 * Python to run Jupyter with and the environment that finds the kernels.
 */
export function ensureCourseTools(options: SetupOptions = {}): { python: string; env: NodeJS.ProcessEnv } {
  let python = findJupyterPython(options);
  if (!python) {
    installJupyter(options);
    python = findJupyterPython(options);
    if (!python)
      fail("Jupyter was installed but no Python can import jupyter_client, nbformat and nbconvert; set MTL_PYTHON");
  }
  if (options.kernel !== undefined && !kernelNames.includes(options.kernel as KernelName)) {
    fail(`unknown kernel ${JSON.stringify(options.kernel)}; the course runs on: ${kernelNames.join(", ")}`);
  }
  writeTslabKernelSpec();
  const deno = denoPath(options);
  if (deno) writeDenoKernelSpec(deno);
  else if (options.kernel === "deno") failWithoutDeno();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_PATH: [jupyterDir, process.env.JUPYTER_PATH].filter(Boolean).join(":"),
    MTL_PYTHON: python,
  };
  process.env.JUPYTER_PATH = env.JUPYTER_PATH;
  process.env.MTL_PYTHON = python;
  return { python, env };
}
