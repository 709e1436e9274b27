// What a PolyStep session on a binary problem takes: a preset, a seed, overrides.

import type { PolyStepConfig } from '../../optimizer/config.js';
import type { FocusSettings, PresetName } from './presets.js';
import type { CostScale } from './search-point.js';

export interface PolyStepOptions {
  readonly preset?: PresetName;
  readonly seed?: number;
  /** Overrides on top of the preset. */
  readonly config?: Partial<PolyStepConfig>;
  readonly costScale?: CostScale;
  /** Overrides of the preset's focus settings (the `focused` preset only). */
  readonly focus?: Partial<FocusSettings>;
}
