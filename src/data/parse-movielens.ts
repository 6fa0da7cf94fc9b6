import { mtlError } from "../errors";

/** MovieLens-100k parsed into typed arrays; users and items are 0-based (file id − 1). */
export interface MovieLensTables {
  users: number;
  items: number;
  ratings: { user: Int32Array; item: Int32Array; stars: Float32Array };
  /** Per user: age in years, gender (0 = M, 1 = F), occupation index. */
  people: { age: Float32Array; gender: Int32Array; occupation: Int32Array };
  /** Per item: 19 genre flags (0/1), flat. */
  genres: Float32Array;
  titles: string[];
  occupationNames: string[];
  genreNames: string[];
}

/**
 * Parses the MovieLens-100k files (u.data, u.user, u.item, u.genre, u.occupation) into typed
 * arrays; fails with `data-corrupt` naming the file and line.
 *
 * @example
 * // example: skip unless MTL_DATA_DIR — MovieLens-100k may not be redistributed (MTL_DATA_DIR holds ml-100k/)
 * const { files } = await movieLensFiles();
 * parseMovieLens(files).ratings.stars.length; // → 100000
 */
export function parseMovieLens(files: ReadonlyMap<string, Uint8Array>): MovieLensTables {
  const occupationNames = lines(files, "u.occupation").map((line) => line.trim());
  const genreNames = lines(files, "u.genre").map((line) => line.split("|")[0] as string);
  const people = parseUsers(lines(files, "u.user"), occupationNames);
  const items = lines(files, "u.item");
  const genres = new Float32Array(items.length * genreNames.length);
  const titles = items.map((line, row) => {
    const fields = line.split("|");
    checkRow("u.item", row, Number(fields[0]) === row + 1 && fields.length === 5 + genreNames.length, line);
    for (let g = 0; g < genreNames.length; g++) genres[row * genreNames.length + g] = fields[5 + g] === "1" ? 1 : 0;
    return fields[1] as string;
  });
  const ratings = parseRatings(lines(files, "u.data"), people.age.length, items.length);
  return {
    users: people.age.length,
    items: items.length,
    ratings,
    people,
    genres,
    titles,
    occupationNames,
    genreNames,
  };
}

function parseUsers(rows: string[], occupations: string[]): MovieLensTables["people"] {
  const people = {
    age: new Float32Array(rows.length),
    gender: new Int32Array(rows.length),
    occupation: new Int32Array(rows.length),
  };
  rows.forEach((line, row) => {
    const [id, age, gender, occupation] = line.split("|");
    const index = occupations.indexOf(occupation ?? "");
    checkRow(
      "u.user",
      row,
      Number(id) === row + 1 && Number(age) > 0 && (gender === "M" || gender === "F") && index >= 0,
      line,
    );
    people.age[row] = Number(age);
    people.gender[row] = gender === "F" ? 1 : 0;
    people.occupation[row] = index;
  });
  return people;
}

function parseRatings(rows: string[], users: number, items: number): MovieLensTables["ratings"] {
  const ratings = {
    user: new Int32Array(rows.length),
    item: new Int32Array(rows.length),
    stars: new Float32Array(rows.length),
  };
  rows.forEach((line, row) => {
    const [user, item, stars] = line.split("\t").map(Number) as [number, number, number];
    const ok =
      Number.isInteger(user) &&
      user >= 1 &&
      user <= users &&
      Number.isInteger(item) &&
      item >= 1 &&
      item <= items &&
      stars >= 1 &&
      stars <= 5;
    checkRow("u.data", row, ok, line);
    ratings.user[row] = user - 1;
    ratings.item[row] = item - 1;
    ratings.stars[row] = stars;
  });
  return ratings;
}

function lines(files: ReadonlyMap<string, Uint8Array>, name: string): string[] {
  const bytes = files.get(name);
  if (!bytes)
    throw mtlError({
      code: "data-missing",
      message: `MovieLens-100k file ${name} was not read`,
      fix: "pass every file of ml-100k",
    });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("latin1")
    .split("\n")
    .filter((line) => line.trim() !== "");
}

function checkRow(file: string, row: number, ok: boolean, line: string): void {
  if (!ok)
    throw mtlError({
      code: "data-corrupt",
      message: `MovieLens-100k file ${file}, line ${row + 1} is malformed: ${JSON.stringify(line.slice(0, 80))}`,
      fix: "replace the file with the one of the official archive",
    });
}
