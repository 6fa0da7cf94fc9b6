export { renderPlot } from "./render-plot";
export { lossCurves } from "./loss-curves";
export type { LossCurvesOptions } from "./loss-curves";
export { liveDashboard } from "./live-dashboard";
export type { LiveDashboardOptions, DashboardCallbacks } from "./live-dashboard";
export { inNotebook, notebookOutput, showOutput, showSvg } from "./notebook-output";
export type { MimeBundle, NotebookOutput } from "./notebook-output";
export { headline, headlineMimeType } from "./headline";
export type { StepProgress, EpochLosses } from "./types";
