// The dashboard's entry point: the views of the public REST API, one per hash route.

const view = document.getElementById('view') as HTMLElement;
view.textContent = 'PolyStep dashboard';
