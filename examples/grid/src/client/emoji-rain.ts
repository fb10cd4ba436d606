// Emoji rain: falling fruit over the page when the grid fills up, announced to screen readers.
import { defineComponent, h, type PropType } from 'vue';
import { STAGES } from '../grid-rules';

const DROPS = 36;
const FRUIT = STAGES[STAGES.length - 1]!.emoji;

/** Renders while it rains; the parent removes it when the shower is over. */
export const EmojiRain = defineComponent({
  name: 'EmojiRain',
  props: {
    round: { type: Number as PropType<number>, required: true },
  },
  setup(props) {
    // Fixed per shower: a re-render must not move the drops.
    const drops = Array.from({ length: DROPS }, (_, i) => ({
      left: `${((i * 37) % 100) + Math.random() * 3}%`,
      delay: `${(Math.random() * 1.2).toFixed(2)}s`,
      duration: `${(1.6 + Math.random() * 1.4).toFixed(2)}s`,
      size: `${(1.4 + Math.random() * 1.6).toFixed(2)}rem`,
      emoji: i % 4 === 0 ? STAGES[2]!.emoji : FRUIT,
    }));
    return () =>
      h('div', { class: 'rain', 'data-testid': 'rain' }, [
        h(
          'p',
          { class: 'rain-message', role: 'status' },
          `The grid is full of ${FRUIT}! Round ${props.round} complete, starting over.`,
        ),
        ...drops.map((drop) =>
          h(
            'span',
            {
              class: 'drop',
              'aria-hidden': 'true',
              style: {
                left: drop.left,
                animationDelay: drop.delay,
                animationDuration: drop.duration,
                fontSize: drop.size,
              },
            },
            drop.emoji,
          ),
        ),
      ]);
  },
});
