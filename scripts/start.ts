// `npm start`: opens Jupyter Notebook on notebooks/ with this clone's tslab kernel.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildLibrary, ensureCourseTools, repoRoot } from "./bootstrap";

const { python, env } = ensureCourseTools();
buildLibrary();
const probe = spawnSync(python, ["-c", "import notebook"], { encoding: "utf8" });
if (probe.status !== 0) {
  console.error("Jupyter Notebook is not installed for " + python + "; on Debian/Ubuntu: sudo apt-get install jupyter-notebook; elsewhere: python3 -m pip install notebook");
  process.exit(1);
}
const args = ["-m", "notebook", "--notebook-dir", join(repoRoot, "notebooks"), ...process.argv.slice(2)];
const result = spawnSync(python, args, { stdio: "inherit", env });
process.exit(result.status ?? 1);
