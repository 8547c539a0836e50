import { RadarChartInput, renderRadarSvg } from './radar-svg';

/**
 * A typical switch: a backend engineer aiming for AI product management.
 * Strong where the old job overlaps (technical judgement, AI fundamentals),
 * weak where it does not (business, working across functions). Used for
 * docs/radar-example.svg and as a visual fixture when changing the design.
 */
export const EXAMPLE_RADAR: RadarChartInput = {
  title: 'Lin Wei → AI Product Management',
  locale: 'en',
  axes: [
    { key: 'ai-technical-judgement', label: 'AI technical judgement', current: 4.5, required: 4 },
    { key: 'product-design', label: 'Product design', current: 2, required: 4 },
    { key: 'business', label: 'Business', current: 1.5, required: 4 },
    { key: 'cross-functional', label: 'Cross-functional collaboration', current: 1.5, required: 4.5 },
    { key: 'product-fundamentals', label: 'Product fundamentals', current: 2.5, required: 4 },
    { key: 'ai-fundamentals', label: 'AI fundamentals', current: 4, required: 3.5 },
    { key: 'domain', label: 'Domain', current: 3, required: 3 },
  ],
};

export function renderExample(): string {
  return renderRadarSvg(EXAMPLE_RADAR);
}
