import { Create, SimpleForm } from 'react-admin';
import { CustomerInputs } from './CustomerInputs.tsx';

export default function CustomerCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <CustomerInputs />
      </SimpleForm>
    </Create>
  );
}
