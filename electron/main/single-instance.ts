export type WindowAction = 'restore' | 'show' | 'focus';

export interface WindowState {
  exists: boolean;
  minimized: boolean;
  visible: boolean;
}

/**
 * One POS per machine: two would fight over the printer, the scanner and the local database.
 * When a second copy starts, the first brings its window to the front; this says how.
 */
export function actionsForSecondInstance(state: WindowState): WindowAction[] {
  if (!state.exists) return [];
  const actions: WindowAction[] = [];
  if (state.minimized) actions.push('restore');
  if (!state.visible) actions.push('show');
  actions.push('focus');
  return actions;
}
