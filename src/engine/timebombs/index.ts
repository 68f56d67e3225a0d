/** The six time bombs (METHODS §5), in the order the method lists them. */
import { CacAnalysis, CapacityCheck, TimeBomb } from "../analysis";
import { AnalysisContext } from "../context";
import { highCac } from "./high-cac";
import { salesTeam } from "./sales-team";
import { partnersLeaving } from "./partners";
import { costOfGoods } from "./cost-of-goods";
import { generationBehind } from "./generation-behind";
import { cloggedFunnel } from "./clogged-funnel";

export { NEXT_QUESTIONS, BOMB_NAMES } from "./common";

export function analyzeTimeBombs(ctx: AnalysisContext, cac: CacAnalysis, capacity: CapacityCheck | null): TimeBomb[] {
  return [highCac(ctx, cac), salesTeam(ctx), partnersLeaving(ctx), costOfGoods(ctx), generationBehind(ctx), cloggedFunnel(ctx, capacity)];
}
