export interface Bar {
  label: string;
  value: number;
  /** The value as text beside the bar. */
  text: string;
}

export interface BarChartProps {
  title: string;
  bars: Bar[];
  /** 'bad' draws red bars (stall time), 'neutral' blue ones (bitrate). */
  tone?: 'bad' | 'neutral';
}

const W = 600;
const ROW = 16;
const LABEL_W = 86;
const TEXT_W = 90;

/** Horizontal bars, one row per label: prints legibly in black and white and needs no axis. */
export function BarChart({ title, bars, tone = 'neutral' }: BarChartProps) {
  const top = Math.max(...bars.map((b) => b.value), 0);
  const span = W - LABEL_W - TEXT_W;
  const h = Math.max(ROW, bars.length * ROW);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} role="img" aria-label={title}>
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0, ${i * ROW})`}>
            <text x="0" y={ROW - 4} class="axis">
              {b.label}
            </text>
            <rect
              x={LABEL_W}
              y="2"
              width={top > 0 ? Math.max(b.value > 0 ? 1 : 0, (b.value / top) * span) : 0}
              height={ROW - 4}
              class={tone === 'bad' ? 'bar-bad' : 'bar'}
            />
            <text x={W} y={ROW - 4} text-anchor="end" class="axis">
              {b.text}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
