// Starts the GOV.UK Design System's components on every page (the layout loads this file).
import { initAll } from '/assets/frontend/govuk-frontend.min.js';

initAll();
