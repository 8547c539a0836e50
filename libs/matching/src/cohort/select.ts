/**
 * Moves the k largest of the first `count` values of `a` (1 <= k <= count)
 * to a[0..k-1], unordered, and returns the k-th largest (quickselect, in
 * place: no copy of a list that can be a million entries long).
 */
export function selectLargest(a: Float64Array, count: number, k: number): number {
  let lo = 0;
  let hi = count - 1;
  const target = k - 1; // position of the k-th largest in descending order
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target];
}
