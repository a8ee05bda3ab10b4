/** The province outlines (see README.md beside them), imported only through `import()` so they load with the map. */
declare module '*.geo.json' {
  const outlines: import('./map-edition').ProvinceOutlines;
  export default outlines;
}
