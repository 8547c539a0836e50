import type { CandidateGraph, DualPrices } from './candidate-graph';
import { MinHeap } from './min-heap';

/**
 * Exact maximum-weight b-matching by successive shortest paths; the reference
 * solver for the tests and the fallback of solveOptimal when cost scaling's
 * integers would be too large for exact doubles. Expects a graph whose edges all
 * score > 0 (see positiveEdgesOnly); returns each switcher's edge, -1 = unmatched.
 *
 * Min-cost flow source -> switcher (cap 1) -> mentor (cap 1, cost -score) ->
 * sink (cap capacity), plus an "unmatched" arc switcher -> sink (cost 0), with
 * the switchers added one at a time as sources (the Hungarian method,
 * rectangular and capacitated). Every switcher is either matched or on its
 * unmatched arc, so after each insertion the flow is optimal for the switchers
 * inserted so far. Each insertion runs Dijkstra (binary heap) on reduced costs
 * with Johnson potentials from the new switcher and stops as soon as the cheapest
 * way to the sink is settled: a mentor with a free slot, or a switcher (the new
 * one or one displaced along the path) leaving for its unmatched arc. Only nodes
 * settled before the sink have their potentials updated (relative to the sink).
 * The potentials are LP duals: -potential of a mentor is its price per slot, the
 * potential of a matched switcher its surplus (score - price).
 *
 * Facts the implementation relies on: a mentor's load never decreases (a path
 * passes through a mentor by swapping one occupant for another), so a mentor with
 * a free slot is always a path end and is never explored; a switcher that leaves
 * for its unmatched arc is never reached again.
 *
 * Exact on the integer scores `scoreInt`; worst case O(switchers * edges * log),
 * typically far less, but searches grow large in contested markets.
 */
export function maxWeightBySsp(graph: CandidateGraph): Int32Array {
  return maxWeightBySspPriced(graph).edgeOf;
}

/** maxWeightBySsp with its potentials as DualPrices (exact: unit 1, slack 0). */
export function maxWeightBySspPriced(graph: CandidateGraph): { edgeOf: Int32Array; prices: DualPrices } {
  const n = graph.switcherCount;
  const m = graph.mentorCount;
  const { rowStart, col, capacity } = graph;
  const gain = graph.scoreInt;

  // Nodes: switchers 0..n-1, mentors n..n+m-1; the sink has potential 0.
  const potential = new Float64Array(n + m);
  const dist = new Float64Array(n + m);
  const reached = new Int32Array(n + m); // search number that set dist
  const settled = new Int32Array(n + m); // search number that settled the node
  const predEdge = new Int32Array(n + m); // for mentor nodes: the edge the search came in on
  const predSwitcher = new Int32Array(n + m); // ... and the switcher it came from
  const settledList = new Int32Array(n + m);

  const assigned = new Int32Array(n).fill(-1); // edge of each switcher's mentor, -1 = unmatched
  const slotOf = new Int32Array(n);
  const slotStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) slotStart[j + 1] = slotStart[j] + capacity[j];
  const slotOwner = new Int32Array(slotStart[m]);
  const load = new Int32Array(m);

  const heap = new MinHeap(1024);

  for (let i = 0; i < n; i++) {
    const search = i + 1;
    const begin = rowStart[i];
    const end = rowStart[i + 1];
    if (begin === end) continue;

    // Potential of the new source: its best surplus at current prices (>= 0 for the unmatched arc).
    let pi = 0;
    for (let e = begin; e < end; e++) {
      const v = gain[e] + potential[n + col[e]];
      if (v > pi) pi = v;
    }
    potential[i] = pi;
    dist[i] = 0;
    reached[i] = search;
    settled[i] = search;
    settledList[0] = i;
    let settledCount = 1;

    // Best path end so far: length, and either a switcher leaving (endSwitcher) or a mentor with a free slot (endMentor).
    let best = pi;
    let endSwitcher = i;
    let endMentor = -1;

    heap.clear();
    for (let e = begin; e < end; e++) {
      const j = col[e];
      const d = pi - gain[e] - potential[n + j];
      if (load[j] < capacity[j]) {
        if (d < best) {
          best = d;
          endMentor = j;
          endSwitcher = -1;
          predEdge[n + j] = e;
          predSwitcher[n + j] = i;
        }
      } else {
        const v = n + j;
        if (reached[v] !== search || d < dist[v]) {
          reached[v] = search;
          dist[v] = d;
          predEdge[v] = e;
          predSwitcher[v] = i;
          heap.push(d, v);
        }
      }
    }

    while (heap.size > 0) {
      const d = heap.topKey();
      if (d >= best) break;
      const v = heap.topNode();
      heap.pop();
      if (settled[v] === search) continue;
      settled[v] = search;
      settledList[settledCount++] = v;
      if (v >= n) {
        // A full mentor: one of its switchers may give up its slot.
        const j = v - n;
        const pj = potential[v];
        for (let slot = slotStart[j], last = slotStart[j] + load[j]; slot < last; slot++) {
          const k = slotOwner[slot];
          if (settled[k] === search) continue;
          const dk = d + gain[assigned[k]] + pj - potential[k];
          if (reached[k] !== search || dk < dist[k]) {
            reached[k] = search;
            dist[k] = dk;
            heap.push(dk, k);
          }
        }
      } else {
        // A matched switcher, displaced from its mentor: unmatched, or to another candidate.
        const k = v;
        const pk = potential[k];
        if (d + pk < best) {
          best = d + pk;
          endSwitcher = k;
          endMentor = -1;
        }
        const own = assigned[k];
        for (let e = rowStart[k], last = rowStart[k + 1]; e < last; e++) {
          if (e === own) continue;
          const j = col[e];
          const dj = d - gain[e] + pk - potential[n + j];
          if (load[j] < capacity[j]) {
            if (dj < best) {
              best = dj;
              endMentor = j;
              endSwitcher = -1;
              predEdge[n + j] = e;
              predSwitcher[n + j] = k;
            }
          } else {
            const u = n + j;
            if (settled[u] === search) continue;
            if (reached[u] !== search || dj < dist[u]) {
              reached[u] = search;
              dist[u] = dj;
              predEdge[u] = e;
              predSwitcher[u] = k;
              heap.push(dj, u);
            }
          }
        }
      }
    }

    // Johnson update relative to the sink: settled nodes move by dist - best, the rest are unchanged.
    for (let q = 0; q < settledCount; q++) {
      const v = settledList[q];
      potential[v] += dist[v] - best;
    }

    // Augment along the path, walking back from its end.
    let j: number;
    let freeSlot: number;
    if (endMentor >= 0) {
      j = endMentor;
      freeSlot = slotStart[j] + load[j];
      load[j]++;
    } else {
      if (endSwitcher === i) continue; // the new switcher stays unmatched
      const k = endSwitcher;
      j = col[assigned[k]];
      freeSlot = slotOf[k];
      assigned[k] = -1;
    }
    for (;;) {
      const e = predEdge[n + j];
      const y = predSwitcher[n + j];
      const previous = assigned[y];
      const previousSlot = slotOf[y];
      assigned[y] = e;
      slotOf[y] = freeSlot;
      slotOwner[freeSlot] = y;
      if (y === i) break;
      j = col[previous];
      freeSlot = previousSlot;
    }
  }

  const mentor = new Float64Array(m);
  for (let j = 0; j < m; j++) mentor[j] = -potential[n + j];
  return { edgeOf: assigned, prices: { switcher: potential.slice(0, n), mentor, unit: 1, slack: 0 } };
}
