// The till inside the back office (/pos, /sales/create): the page with its title in react-admin's
// app bar. A fresh load of /pos renders the till in its light shell instead (till/TillApp.tsx).
import { Title, useTranslate } from 'react-admin';
import PosPage from './PosPage.tsx';

export default function PosRoute() {
  const translate = useTranslate();
  return (
    <>
      <Title title={translate('pos.title')} />
      <PosPage />
    </>
  );
}
