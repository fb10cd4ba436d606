// The grid page as one Vue component: cells that level up on click (at once, undone if the server
// refuses), a live viewer count in the centre, emoji rain when the grid fills, catch-up on reconnect.
import { useConnection, useEchoPresence, usePresence } from '@herald/vue';
import {
  computed,
  defineComponent,
  h,
  onMounted,
  ref,
  shallowRef,
  watch,
  type PropType,
  type VNode,
} from 'vue';
import { isCentre, MAX_CLICKS, STAGES, stageOf } from '../grid-rules';
import {
  GRID_CHANNEL,
  GridEvent,
  type CellState,
  type GridSnapshot,
  type LevelAccepted,
  type LevelRefused,
  type RoundCompleted,
} from '../grid-wire';
import { EmojiRain } from './emoji-rain';
import {
  shownClicks,
  viewOf,
  withCell,
  withCompleted,
  withPending,
  withSnapshot,
  type GridView,
} from './grid-view';

/** Arrow keys move between cells, as in any ARIA grid: [rows, columns] per key. */
const ARROWS: Readonly<Record<string, readonly [number, number]>> = Object.freeze({
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
});

/** Focuses the next cell in the arrow's direction, jumping over the centre. */
function moveFocus(event: KeyboardEvent, size: number): void {
  const step = ARROWS[event.key];
  const from = (event.target as HTMLElement).dataset.index;
  if (step === undefined || from === undefined) return;
  let row = Math.floor(Number(from) / size);
  let column = Number(from) % size;
  do {
    row += step[0];
    column += step[1];
  } while (
    row >= 0 &&
    row < size &&
    column >= 0 &&
    column < size &&
    isCentre(row * size + column, size)
  );
  const next = document.querySelector<HTMLElement>(`.grid [data-index="${row * size + column}"]`);
  if (next === null || row < 0 || row >= size || column < 0 || column >= size) return;
  event.preventDefault();
  next.focus();
}

/** How long the rain falls, in milliseconds. */
const RAIN_MS = 4000;

const STATUS_TEXT = Object.freeze({
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  unavailable: 'Offline, retrying…',
  failed: 'Refused by the server',
  disconnected: 'Disconnected',
});

export const GridApp = defineComponent({
  name: 'GridApp',
  props: {
    /** This tab's viewer id, sent as `X-Viewer` (a real app would use its session). */
    viewer: { type: String, required: true },
    /** fetch with `X-Socket-ID` added (@herald/echo's `wrapFetch`), so broadcasts skip this tab. */
    post: { type: Function as PropType<typeof fetch>, required: true },
  },
  setup(props) {
    const view = shallowRef<GridView | null>(null);
    const notice = ref('');
    const rain = shallowRef<{ round: number; id: number } | null>(null);
    const presence = usePresence<{ name: string }>(GRID_CHANNEL);
    const connection = useConnection();
    const myName = computed(() => presence.me.value?.info.name ?? '');

    useEchoPresence<CellState>(GRID_CHANNEL, GridEvent.CellLeveled, (cell) => {
      if (view.value !== null) view.value = withCell(view.value, cell);
    });
    useEchoPresence<RoundCompleted>(GRID_CHANNEL, GridEvent.GridCompleted, (completed) =>
      complete(completed),
    );

    async function refetch(): Promise<void> {
      const response = await fetch('/grid', { headers: { 'x-viewer': props.viewer } });
      if (!response.ok) throw new Error(`GET /grid answered ${response.status}`);
      const snapshot = (await response.json()) as GridSnapshot;
      view.value = view.value === null ? viewOf(snapshot) : withSnapshot(view.value, snapshot);
    }
    const catchUp = (): void => {
      refetch().catch(
        (error: unknown) => (notice.value = `Could not load the grid: ${String(error)}`),
      );
    };
    onMounted(catchUp);
    // The roster is synced each time the presence subscription succeeds, after every reconnect
    // too: whatever was broadcast while this tab was away, the grid is fetched again then.
    watch(presence.isSynced, (isSynced) => {
      if (isSynced) catchUp();
    });

    let rainTimer: ReturnType<typeof setTimeout> | undefined;
    function complete(completed: RoundCompleted): void {
      if (view.value !== null) view.value = withCompleted(view.value, completed);
      rain.value = { round: completed.round, id: (rain.value?.id ?? 0) + 1 };
      clearTimeout(rainTimer);
      rainTimer = setTimeout(() => (rain.value = null), RAIN_MS);
    }

    async function level(index: number): Promise<void> {
      if (view.value === null || shownClicks(view.value, index) >= MAX_CLICKS) return;
      notice.value = '';
      view.value = withPending(view.value, index, 1);
      let answer: LevelAccepted | LevelRefused | undefined;
      let problem = 'the server could not be reached';
      try {
        const response = await props.post(`/cells/${index}`, {
          method: 'POST',
          headers: { 'x-viewer': props.viewer },
        });
        answer = (await response.json()) as LevelAccepted | LevelRefused;
        if (!response.ok)
          problem = 'error' in answer ? answer.error : `the server answered ${response.status}`;
      } catch {
        answer = undefined;
      }
      // Undo the optimistic click, then take the server's word: the same cell plus one when
      // accepted, the cell as it really is when refused.
      let next = withPending(view.value, index, -1);
      if (answer?.cell !== undefined) next = withCell(next, answer.cell);
      view.value = next;
      if (answer !== undefined && 'completed' in answer) {
        if (answer.completed !== null) complete(answer.completed);
      } else {
        notice.value = `Your click was undone: ${problem}.`;
      }
    }

    const renderCell = (grid: GridView, index: number): VNode | null => {
      const row = Math.floor(index / grid.size);
      const column = index % grid.size;
      const position = { gridRow: String(row + 1), gridColumn: String(column + 1) };
      if (isCentre(index, grid.size)) {
        // One panel over the centre cells, drawn where the first of them is.
        if (isCentre(index - 1, grid.size) && column > 0) return null;
        if (row > 0 && isCentre(index - grid.size, grid.size)) return null;
        const span = grid.size % 2 === 0 ? 2 : 1;
        const count = presence.count.value;
        const viewers = `${count} ${count === 1 ? 'viewer' : 'viewers'}`;
        return h(
          'div',
          {
            role: 'gridcell',
            class: 'centre',
            'data-testid': 'viewer-count',
            'aria-label': `${viewers} here`,
            'aria-colspan': span,
            'aria-rowspan': span,
            style: {
              ...position,
              gridRow: `${row + 1} / span ${span}`,
              gridColumn: `${column + 1} / span ${span}`,
            },
          },
          [
            h('span', { class: 'count', 'aria-hidden': 'true' }, String(count)),
            h('span', { class: 'count-label', 'aria-hidden': 'true' }, viewers.split(' ')[1]),
          ],
        );
      }
      const clicks = shownClicks(grid, index);
      const stage = stageOf(clicks);
      const isFull = clicks >= MAX_CLICKS;
      return h('div', { role: 'gridcell', style: position, class: 'slot' }, [
        h(
          'button',
          {
            type: 'button',
            class: ['cell', { pending: grid.pending[index]! > 0, full: isFull }],
            'aria-label': `Row ${row + 1}, column ${column + 1}: ${stage.name}, ${clicks} of ${MAX_CLICKS} clicks`,
            'aria-disabled': isFull ? 'true' : undefined,
            style: { '--progress': String(clicks / MAX_CLICKS) },
            'data-index': index,
            onClick: () => void level(index),
          },
          stage.emoji,
        ),
      ]);
    };

    const renderRows = (grid: GridView): VNode[] =>
      Array.from({ length: grid.size }, (_, row) =>
        h(
          'div',
          { role: 'row', class: 'row' },
          Array.from({ length: grid.size }, (_, column) =>
            renderCell(grid, row * grid.size + column),
          ),
        ),
      );

    return () => {
      const grid = view.value;
      const state = connection.value.state;
      return h('div', { class: 'page' }, [
        h('header', [
          h('h1', 'Emoji grid'),
          h('p', { class: 'legend' }, [
            'Click a cell to grow it: ',
            STAGES.map((s) => `${s.emoji} ${s.clicks} ${s.clicks === 1 ? 'click' : 'clicks'}`).join(
              ' → ',
            ),
            '. Fill the grid together to make it rain.',
          ]),
          h('p', { class: 'status' }, [
            h(
              'span',
              { class: ['badge', state], role: 'status', 'data-testid': 'connection' },
              STATUS_TEXT[state],
            ),
            myName.value === '' ? null : h('span', { class: 'me' }, `You are ${myName.value}`),
            grid === null
              ? null
              : h(
                  'span',
                  { class: 'round', 'data-testid': 'round' },
                  `Rounds completed: ${grid.round}`,
                ),
          ]),
        ]),
        grid === null
          ? h('p', { class: 'loading' }, 'Loading the grid…')
          : h(
              'div',
              {
                role: 'grid',
                'aria-label': `Emoji grid, ${grid.size} by ${grid.size}`,
                class: 'grid',
                style: { '--size': String(grid.size) },
                onKeydown: (event: KeyboardEvent) => moveFocus(event, grid.size),
              },
              renderRows(grid),
            ),
        h('p', { class: 'notice', role: 'alert', 'data-testid': 'notice' }, notice.value),
        rain.value === null ? null : h(EmojiRain, { key: rain.value.id, round: rain.value.round }),
      ]);
    };
  },
});
