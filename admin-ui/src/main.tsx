// The app's entry. A fresh load of the till (/app/pos, where staff land and where the installed app
// starts) renders the till in its light shell at once, its first requests started before React
// renders; every other page boots the back office (react-admin, App.tsx), loaded as its own chunks.
// The till hands over to the back office when the cashier opens another page.
import { inTill } from './till/early.ts';
import { lazy, StrictMode, Suspense, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { store } from './providers/store.ts';
import { TillApp } from './till/TillApp.tsx';

let backOffice: Promise<typeof import('./App.tsx')> | null = null;
const loadBackOffice = () => (backOffice ??= import('./App.tsx'));
const App = lazy(loadBackOffice);

function Boot() {
  return <div id="boot">Phone Shop…</div>;
}

function Root() {
  const [till, setTill] = useState(inTill);
  if (till) {
    return (
      <TillApp
        onIntent={() => void loadBackOffice()}
        onLeave={(path, openMenu = false) => {
          if (openMenu) store.setItem('sidebar.open', true);
          window.history.pushState(null, '', `/app${path === '/' ? '' : path}`);
          setTill(false);
        }}
      />
    );
  }
  return (
    <Suspense fallback={<Boot />}>
      <App />
    </Suspense>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
