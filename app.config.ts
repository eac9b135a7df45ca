// The portal's colours: the red of government sites, dark enough that white text on it and red
// text on white both meet WCAG AA (see assets/css/main.css for the shade used).
export default defineAppConfig({
  ui: {
    colors: { primary: 'red', neutral: 'slate' },
  },
})
