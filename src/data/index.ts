export type { Column, Split, Dataset } from "./types";

export { loadMultiMnist } from "./load-multi-mnist";
export { loadMultiFashion } from "./load-multi-fashion";
export type { MultiDigitOptions } from "./multi-digit-dataset";
export { loadMnistLocalization } from "./load-mnist-localization";
export type { MnistLocalizationOptions } from "./load-mnist-localization";
export { loadSotu } from "./load-sotu";
export type { SotuOptions, SotuDataset } from "./load-sotu";
export { sotuYears } from "./sotu-tasks";
export type { PartyClasses } from "./sotu-tasks";
export { tokenize, numberToken } from "./tokenize";
export { buildVocabulary, padToken, unknownToken } from "./build-vocabulary";
export type { VocabularyOptions } from "./build-vocabulary";
export { encodeTokens } from "./encode-tokens";
export { loadMovieLens100k } from "./load-movielens-100k";
export type { MovieLensOptions, MovieLensDataset } from "./load-movielens-100k";
export { movieLensFiles } from "./movielens-files";
export type { MovieLensFileOptions, MovieLensFiles } from "./movielens-files";

export { mmoeSynthetic } from "./mmoe-synthetic";
export type { MmoeSyntheticOptions, MmoeSyntheticDataset } from "./mmoe-synthetic";
export { gradNormToy } from "./grad-norm-toy";
export type { GradNormToyOptions, GradNormToyDataset } from "./grad-norm-toy";
export { ctrCvrFunnel } from "./ctr-cvr-funnel";
export type { CtrCvrFunnelOptions, CtrCvrFunnelDataset, FunnelTruth } from "./ctr-cvr-funnel";
export type { GeneratedSizes } from "./generated-splits";

export { pearsonCorrelation } from "./pearson-correlation";
export { fashionClassNames } from "./read-fashion";
export { clearDataCache } from "./data-cache";
export { toyLosses, toyLossAndGradients, toyStarts, toyAverageMinimum } from "./toy-landscape";
export type { ToyLandscapeOptions } from "./toy-landscape";
export { datasetFromArrays } from "./dataset-from-arrays";
export type { DatasetFromArraysOptions, ArrayColumn } from "./dataset-from-arrays";
export { validateSplit } from "./validate-split";
