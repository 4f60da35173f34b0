import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

// Opening the till (/app/pos, where staff land): fetch its chunk while react-admin boots, instead of
// after the route has rendered.
if (/^\/app\/(pos|sales\/(create|new))/.test(window.location.pathname)) void import('./pos/PosPage.tsx');

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
