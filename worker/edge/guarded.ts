// A handler that throws would abort HTMLRewriter's stream (a truncated page): each one runs through this.
export const guarded = (fn: () => void, onError: (e: unknown) => void) => {
  try {
    fn();
  } catch (e) {
    onError(e);
  }
};
