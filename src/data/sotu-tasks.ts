import type { TaskSpec } from "../tasks/types";
import type { Speech } from "./read-sotu";

/** First and last year of the corpus; task "year" is (year − first) / (last − first). */
export const sotuYears = { first: 1790, last: 2021 } as const;

/** How parties become classes: "major" = Democratic, Republican, other; "all" = the 8 party names. */
export type PartyClasses = "major" | "all";

const allParties = [
  "Democratic",
  "Republican",
  "Democratic-Republican",
  "Federalist",
  "Whig",
  "Whig & Democratic",
  "National Union",
  "none",
];

/** The SOTU task specs and, for each, how a speech becomes its label. */
export interface SotuTaskTable {
  tasks: TaskSpec[];
  label: Record<string, (speech: Speech) => number>;
}

/**
 * Describes the SOTU tasks "party" (classification), "year" (regression, normalised to [0, 1])
 * and "president" (classification over every president of the corpus, in order of first address).
 *
 * @example
 * sotuTasks(readSotu(), "major").tasks[0].labels; // → ["Democratic", "Republican", "other"]
 */
export function sotuTasks(speeches: readonly Speech[], parties: PartyClasses): SotuTaskTable {
  const partyNames = parties === "major" ? ["Democratic", "Republican", "other"] : allParties;
  const presidents = [...new Set(speeches.map((speech) => speech.president))];
  const span = sotuYears.last - sotuYears.first;
  return {
    tasks: [
      {
        name: "party",
        kind: "classification",
        classes: partyNames.length,
        labels: partyNames,
        description: "party of the president giving the address",
      },
      {
        name: "year",
        kind: "regression",
        size: 1,
        description: `year of the address as (year − ${sotuYears.first}) / ${span}, in [0, 1]`,
      },
      {
        name: "president",
        kind: "classification",
        classes: presidents.length,
        labels: presidents,
        description: "president giving the address",
      },
    ],
    label: {
      party: (speech) => partyIndex(partyNames, speech.party),
      year: (speech) => (speech.year - sotuYears.first) / span,
      president: (speech) => presidents.indexOf(speech.president),
    },
  };
}

function partyIndex(partyNames: readonly string[], party: string): number {
  const index = partyNames.indexOf(party);
  return index >= 0 ? index : partyNames.length - 1;
}
