import { createRng, type Rng } from "../backend/random";
import { mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import { checkCount } from "./check-count";
import { floatColumn, intColumn } from "./column";
import { cachedSource } from "./data-cache";
import { movieLensFiles, type MovieLensFileOptions } from "./movielens-files";
import { parseMovieLens, type MovieLensTables } from "./parse-movielens";
import { selectTasks } from "./select-tasks";
import type { Column, Dataset, Split } from "./types";

/** Options of {@link loadMovieLens100k}. */
export interface MovieLensOptions extends MovieLensFileOptions {
  /** Fixes the split of the ratings and the sampled negatives. Default 0. */
  seed?: number;
  /** Fraction of ratings for validation. Default 0.1. */
  validation?: number;
  /** Fraction of ratings for test. Default 0.1. */
  test?: number;
  /** Use only this many ratings (a seeded sample), for quick lessons. Default: all 100,000. */
  ratings?: number;
  /** Unwatched (user, item) pairs sampled per rating, labelled watched = 0. Default 1. */
  negatives?: number;
  /**
   * Tasks among "rating", "watched", "liked" (rating ≥ 4) and "retrieval" (target: the item id, for a
   * two-tower model). Default ["rating", "watched"]. Rating, liked and retrieval are masked on sampled negatives.
   */
  tasks?: string[];
}

/** A MovieLens-100k dataset, with the sizes and names its embeddings need. */
export interface MovieLensDataset extends Dataset {
  users: number;
  items: number;
  occupationNames: readonly string[];
  genreNames: readonly string[];
  titles: readonly string[];
}

const movieLensTasks: TaskSpec[] = [
  {
    name: "rating",
    kind: "regression",
    size: 1,
    description: "stars 1–5 the user gave the item; masked (mask 0) on sampled negatives",
  },
  { name: "watched", kind: "binary", description: "1 for a rated (user, item) pair, 0 for a sampled unrated pair" },
  { name: "liked", kind: "binary", description: "1 when the user gave 4 or 5 stars; masked on sampled negatives" },
  {
    name: "retrieval",
    kind: "retrieval",
    size: 32,
    candidates: 1682,
    description: "the rated item's id among all 1,682 (size: TFRS's embedding width); masked on sampled negatives",
  },
];

/**
 * Loads MovieLens-100k (Harper & Konstan 2015) for the recommender lesson: task "rating"
 * (regression, stars) on rated pairs and task "watched" (binary) with seeded sampled negatives;
 * inputs user, item, age, gender, occupation, genres. Reads `MTL_DATA_DIR/ml-100k`, else a cache
 * filled by downloading the official archive once. See datasets/movielens-100k.md.
 *
 * @example
 * // example: skip unless MTL_DATA_DIR — MovieLens-100k may not be redistributed (MTL_DATA_DIR holds ml-100k/)
 * const data = await loadMovieLens100k({ seed: 0 });
 * data.train.inputs.genres.shape; // → [19]
 */
export async function loadMovieLens100k(options: MovieLensOptions = {}): Promise<MovieLensDataset> {
  const name = "movielens-100k";
  const found = await movieLensFiles(options);
  const tables = cachedSource(`movielens:${found.dir}`, () => parseMovieLens(found.files));
  const tasks = selectTasks(name, movieLensTasks, options.tasks ?? ["rating", "watched"]);
  const seed = options.seed ?? 0;
  const rng = createRng(seed);
  const total = checkCount(
    name,
    "ratings",
    options.ratings ?? tables.ratings.stars.length,
    3,
    tables.ratings.stars.length,
  );
  const negatives = checkCount(name, "negatives", options.negatives ?? 1, 0, 10);
  const order = rng.permutation(tables.ratings.stars.length).subarray(0, total);
  const test = Math.round(fraction("test", options.test ?? 0.1) * total);
  const validation = Math.round(fraction("validation", options.validation ?? 0.1) * total);
  if (test + validation >= total)
    throw mtlError({
      code: "bad-option",
      message: `dataset "${name}": validation + test take all ${total} ratings`,
      fix: "use smaller fractions",
    });
  const sampler = negativeSampler(tables, rng);
  const build = (picks: Int32Array) => ratingSplit(tables, picks, negatives, sampler, rng, tasks);
  return {
    name,
    tasks,
    seed,
    source: `MovieLens-100k (GroupLens) from ${found.dir}; see datasets/movielens-100k.md`,
    train: build(order.subarray(test + validation)),
    validation: build(order.subarray(test, test + validation)),
    test: build(order.subarray(0, test)),
    users: tables.users,
    items: tables.items,
    occupationNames: tables.occupationNames,
    genreNames: tables.genreNames,
    titles: tables.titles,
  };
}

function fraction(option: string, value: number): number {
  if (!(value >= 0 && value < 1))
    throw mtlError({
      code: "bad-option",
      message: `dataset "movielens-100k": option "${option}" must be a fraction in [0, 1), got ${value}`,
      fix: `pass e.g. ${option}: 0.1`,
    });
  return value;
}

/** Draws, for a user, an item they never rated and that was not drawn before for them. */
function negativeSampler(tables: MovieLensTables, rng: Rng): (user: number) => number {
  const taken = new Set<number>();
  const { user, item } = tables.ratings;
  for (let i = 0; i < user.length; i++) taken.add((user[i] as number) * tables.items + (item[i] as number));
  return (person) => {
    for (;;) {
      const candidate = rng.int(tables.items);
      const key = person * tables.items + candidate;
      if (!taken.has(key)) {
        taken.add(key);
        return candidate;
      }
    }
  };
}

function ratingSplit(
  tables: MovieLensTables,
  picks: Int32Array,
  negatives: number,
  sample: (user: number) => number,
  rng: Rng,
  tasks: TaskSpec[],
): Split {
  const size = picks.length * (1 + negatives);
  const users = new Int32Array(size);
  const items = new Int32Array(size);
  const stars = new Float32Array(size);
  const watched = new Float32Array(size);
  const slots = rng.permutation(size);
  let next = 0;
  for (const pick of picks) {
    const person = tables.ratings.user[pick] as number;
    for (let k = 0; k <= negatives; k++) {
      const slot = slots[next++] as number;
      users[slot] = person;
      items[slot] = k === 0 ? (tables.ratings.item[pick] as number) : sample(person);
      stars[slot] = k === 0 ? (tables.ratings.stars[pick] as number) : 0;
      watched[slot] = k === 0 ? 1 : 0;
    }
  }
  const columns: Record<string, Column> = {
    rating: floatColumn(stars, []),
    watched: floatColumn(watched, []),
    liked: floatColumn(
      stars.map((value) => (value >= 4 ? 1 : 0)),
      [],
    ),
    retrieval: floatColumn(Float32Array.from(items), []),
  };
  const targets = Object.fromEntries(tasks.map((task) => [task.name, columns[task.name] as Column]));
  const masked = tasks.filter((task) => task.name !== "watched" && negatives > 0);
  const masks = Object.fromEntries(masked.map((task) => [task.name, Uint8Array.from(watched)]));
  return { size, inputs: features(tables, users, items), targets, ...(masked.length > 0 ? { masks } : {}) };
}

function features(tables: MovieLensTables, users: Int32Array, items: Int32Array): Split["inputs"] {
  const size = users.length;
  const width = tables.genreNames.length;
  const age = new Float32Array(size);
  const gender = new Int32Array(size);
  const occupation = new Int32Array(size);
  const genres = new Float32Array(size * width);
  for (let i = 0; i < size; i++) {
    const person = users[i] as number;
    const film = items[i] as number;
    age[i] = (tables.people.age[person] as number) / 100;
    gender[i] = tables.people.gender[person] as number;
    occupation[i] = tables.people.occupation[person] as number;
    genres.set(tables.genres.subarray(film * width, (film + 1) * width), i * width);
  }
  return {
    user: intColumn(users, []),
    item: intColumn(items, []),
    age: floatColumn(age, []),
    gender: intColumn(gender, []),
    occupation: intColumn(occupation, []),
    genres: floatColumn(genres, [width]),
  };
}
