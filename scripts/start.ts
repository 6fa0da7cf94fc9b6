// `npm start`: opens Jupyter Notebook on notebooks/ with this clone's tslab kernel.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildLibrary, ensureCourseTools, repoRoot } from "./bootstrap";

const { python, env } = ensureCourseTools({ notebookServer: true });
buildLibrary();
const args = ["-m", "notebook", "--notebook-dir", join(repoRoot, "notebooks"), ...process.argv.slice(2)];
const result = spawnSync(python, args, { stdio: "inherit", env });
process.exit(result.status ?? 1);
