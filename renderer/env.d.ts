// Plain `tsc -b` (which type-checks the renderer's .ts modules for the tests) cannot read .vue
// files; vue-tsc resolves the real components and never falls back to this declaration.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
