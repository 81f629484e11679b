import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { AppContext, type AppServices } from './app/context';
import { createConnectingStore, createUiStore } from './app/ui-state';
import { pickBridge } from './bridge/pick-bridge';
import { App } from './components/App';
import { createDocumentStore } from './state/document-store';

// The CSP forbids eval; without this zod probes `new Function` and logs a violation.
z.config({ jitless: true });

const services: AppServices = {
  bridge: pickBridge(),
  store: createDocumentStore(),
  ui: createUiStore(),
  connecting: createConnectingStore(),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={services}>
      <ReactFlowProvider>
        <App />
      </ReactFlowProvider>
    </AppContext.Provider>
  </StrictMode>,
);
