import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startApp } from './state/store';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/table.css';
import './styles/detail.css';
import './styles/dialogs.css';
import './styles/pages.css';
import './styles/connection.css';
import './styles/rows.css';
import './styles/menu.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
startApp();
